// The AWS SDK warns on every client under Node 20 that later SDK versions will need Node 22; the SDK is
// pinned (see package.json), so the warning says nothing actionable for local runs. Imported first.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
