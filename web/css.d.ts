// esbuild bundles a stylesheet imported for its side effect into app.css.
declare module '*.css';
