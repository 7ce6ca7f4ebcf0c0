#!/bin/sh
# The data-layer and local end-to-end tests again, on AWS's DynamoDB Local (Java) instead of dynalite,
# so behaviour only dynalite has cannot hide. Ends with `N passed, N failed`; extra arguments go to vitest.
set -eu
cd "$(dirname "$0")/.."
DYNAMODB_ENGINE=dynamodb-local exec node scripts/run-tests.mjs \
  test/shared/adapters/case-store test/shared/adapters/case-queries test/shared/use-cases test/shared/domain/lifecycle.model.test.ts \
  test/local/dynamodb test/e2e "$@"
