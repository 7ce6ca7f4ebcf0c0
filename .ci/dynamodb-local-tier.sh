#!/bin/sh
# The data-layer and local end-to-end tests again, on AWS's DynamoDB Local (Java) instead of dynalite,
# so behaviour only dynalite has cannot hide. Extra arguments go to vitest (e.g. a JSON reporter).
# test/e2e may hold no tests yet: --passWithNoTests is there for that reason only.
set -eu
cd "$(dirname "$0")/.."
AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true DYNAMODB_ENGINE=dynamodb-local exec npx vitest run --passWithNoTests \
  test/shared/adapters/case-store test/local/dynamodb test/e2e "$@"
