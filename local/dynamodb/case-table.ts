import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type CfnTableProperties, type CreatedTable, createTableFromDefinition } from './engines.ts';

/**
 * The case table as the data model decides it (docs/data-model.md): string keys `pk` and `sk`,
 * on-demand, no indexes, in the shape of a synthesized `AWS::DynamoDB::Table`'s Properties. The CDK
 * table must synthesize to these keys; where the synthesized template is at hand, prefer passing its
 * Properties to createTableFromDefinition so the local table is the deployed one.
 */
export const CASE_TABLE_PROPERTIES: CfnTableProperties = {
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
};

export function createCaseTable(
  client: DynamoDBClient,
  tableName: string,
  properties: CfnTableProperties = CASE_TABLE_PROPERTIES,
): Promise<CreatedTable> {
  return createTableFromDefinition(client, tableName, properties);
}
