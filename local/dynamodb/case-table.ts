import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CASE_INDEXES, INDEX_FILTER_ATTRIBUTES } from '../../shared/adapters/case-index.ts';
import { type CfnTableProperties, type CreatedTable, createTableFromDefinition } from './engines.ts';

/**
 * The case table as the data model decides it (docs/data-model.md): string keys `pk` and `sk`,
 * on-demand, and the global secondary indexes of `CASE_INDEXES` (the list infra/collections-stack.ts
 * builds the CDK table from), in the shape of a synthesized `AWS::DynamoDB::Table`'s Properties.
 * test/infra/collections-stack.test.ts checks that the synthesized table has exactly these keys and
 * indexes; where the synthesized template is at hand (the local app), its Properties are used directly.
 */
export const CASE_TABLE_PROPERTIES: CfnTableProperties = {
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    ...new Set(['pk', 'sk', ...CASE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey])]),
  ].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
  BillingMode: 'PAY_PER_REQUEST',
  GlobalSecondaryIndexes: CASE_INDEXES.map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INDEX_FILTER_ATTRIBUTES] },
  })),
};

export function createCaseTable(
  client: DynamoDBClient,
  tableName: string,
  properties: CfnTableProperties = CASE_TABLE_PROPERTIES,
): Promise<CreatedTable> {
  return createTableFromDefinition(client, tableName, properties);
}
