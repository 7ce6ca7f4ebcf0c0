/**
 * AWS list prices, eu-west-1 (Europe, Ireland), USD, on-demand, without free tier. Prices change: each
 * carries the page it comes from and when it was taken. This machine has no internet access, so they
 * could not be re-read when the benchmark was written (2026-11); check the pages before quoting a figure.
 */
export const PRICES = {
  region: 'eu-west-1',
  checkedOn:
    '2026-11 (from the public price pages as last read; not re-fetched: no internet on this machine)',
  stepFunctionsStandardPerTransition: {
    usd: 0.025 / 1_000,
    source:
      'https://aws.amazon.com/step-functions/pricing/ - Standard workflows: $0.025 per 1,000 state transitions',
  },
  lambdaRequest: {
    usd: 0.2 / 1_000_000,
    source: 'https://aws.amazon.com/lambda/pricing/ - $0.20 per 1M requests',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    source:
      'https://aws.amazon.com/lambda/pricing/ - Arm, first 7.5 billion GB-seconds/month: $0.0000133334 per GB-s',
  },
  dynamoDbWriteRequestUnit: {
    usd: 0.7065 / 1_000_000,
    source:
      'https://aws.amazon.com/dynamodb/pricing/on-demand/ - Europe (Ireland), Standard table class: $0.7065 per million write request units (after the Nov 2024 on-demand price cut)',
  },
  dynamoDbReadRequestUnit: {
    usd: 0.1413 / 1_000_000,
    source:
      'https://aws.amazon.com/dynamodb/pricing/on-demand/ - Europe (Ireland), Standard table class: $0.1413 per million read request units (after the Nov 2024 on-demand price cut)',
  },
  apiGatewayRestRequest: {
    usd: 3.5 / 1_000_000,
    source:
      'https://aws.amazon.com/api-gateway/pricing/ - REST APIs, first 333 million requests/month: $3.50 per million',
  },
} as const;

/**
 * What a Lambda invocation is assumed to bill: the product's memory size (CollectionsFunction default) and
 * a duration. The duration is an assumption, not a measurement: locally the handlers run in-process
 * against an embedded DynamoDB, which says little about Lambda's billed milliseconds.
 */
export const LAMBDA_ASSUMPTIONS = {
  memoryMb: 256,
  billedMsPerInvocation: 100,
  note: 'billed duration assumed at 100 ms per invocation (warm, a DynamoDB read and write); memory 256 MB as CollectionsFunction sets it',
} as const;
