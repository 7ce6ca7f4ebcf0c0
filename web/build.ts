import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const WEB_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface SiteFile {
  contentType: string;
  body: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/**
 * The back office, built by the project's esbuild: one minified script and one stylesheet (no framework,
 * no external resources) plus the HTML shell. Files by URL path (`/`, `/assets/app.js`, ...). The local
 * server serves these from memory; the CDK stack builds them into the site bucket the same way.
 */
export function buildBackOffice(): Map<string, SiteFile> {
  const result = buildSync({
    entryPoints: { app: path.join(WEB_DIR, 'src', 'main.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'safari16', 'firefox115'],
    outdir: '/assets',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map<string, SiteFile>();
  const html = readFileSync(path.join(WEB_DIR, 'index.html'));
  files.set('/index.html', { contentType: TYPES['.html'] as string, body: html });
  for (const out of result.outputFiles) {
    files.set(out.path, {
      contentType: TYPES[path.extname(out.path)] ?? 'application/octet-stream',
      body: Buffer.from(out.contents),
    });
  }
  return files;
}

/** Writes the built site into `outdir` (the CDK's asset bundling). */
export function writeBackOffice(outdir: string): void {
  for (const [urlPath, file] of buildBackOffice()) {
    const target = path.join(outdir, urlPath);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
}
