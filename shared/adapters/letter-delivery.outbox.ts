import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LetterDeliveryError } from '../errors.ts';
import type { LetterDelivery, RenderedLetter } from '../ports/letter-delivery.ts';

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/**
 * Local letter delivery: writes `<letterId>.html` and `<letterId>.txt` into an outbox folder. Each file is
 * written to a temporary name and then hard-linked into place, which fails when the name exists: a
 * letter id is delivered once, completely, however often the step is retried. A repeat returns the same
 * delivery reference (the path of the HTML file) and leaves the first letter as it was sent.
 */
export class OutboxLetterDelivery implements LetterDelivery {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async deliver(letter: RenderedLetter): Promise<{ deliveryReference: string }> {
    if (!SAFE_ID.test(letter.letterId)) {
      throw new LetterDeliveryError(
        `letter id ${JSON.stringify(letter.letterId)} is not usable as a file name`,
      );
    }
    try {
      await mkdir(this.dir, { recursive: true });
      const head = [
        `Aan: ${letter.recipient.name}${letter.recipient.email ? ` <${letter.recipient.email}>` : ''}`,
        `Adres: ${letter.recipient.address.join(', ')}`,
        `Onderwerp: ${letter.subject}`,
        `Dossier: ${letter.caseId} · brief ${letter.letterId} (${letter.kind}) · ${letter.date}`,
        '',
        '',
      ].join('\n');
      // The text copy first; the HTML is the letter itself, so its arrival marks the delivery.
      await this.createOnce(`${letter.letterId}.txt`, head + letter.text);
      await this.createOnce(`${letter.letterId}.html`, letter.html);
      return { deliveryReference: join(this.dir, `${letter.letterId}.html`) };
    } catch (error) {
      if (error instanceof LetterDeliveryError) throw error;
      throw new LetterDeliveryError(`could not write letter ${letter.letterId} to ${this.dir}`, {
        cause: error,
      });
    }
  }

  /** Writes the file under its final name unless it exists; returns whether this call wrote it. */
  private async createOnce(name: string, content: string): Promise<boolean> {
    const target = join(this.dir, name);
    const temporary = join(this.dir, `.${name}.${randomUUID()}.tmp`);
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    try {
      await link(temporary, target);
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      throw error;
    } finally {
      await unlink(temporary);
    }
  }
}
