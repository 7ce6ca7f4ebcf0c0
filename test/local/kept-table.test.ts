import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_TABLE_PROPERTIES, createCaseTable } from '../../local/dynamodb/case-table.ts';
import { refuseOlderTable } from '../../local/local-app.ts';
import { startTestDynamoDb, type TestDynamoDb } from '../support/dynamodb-engine.ts';

describe('a data folder kept by npm run serve', () => {
  let db: TestDynamoDb;
  beforeAll(async () => {
    db = await startTestDynamoDb();
  });
  afterAll(() => db?.stop());

  it('is used when its case table has the indexes of the synthesized table', async () => {
    await expect(
      refuseOlderTable(db.client, db.tableName, CASE_TABLE_PROPERTIES, '.local/serve'),
    ).resolves.toBeUndefined();
  });

  it("is refused, with what to do, when its case table predates the case lists' indexes", async () => {
    const { GlobalSecondaryIndexes: _indexes, ...withoutIndexes } = CASE_TABLE_PROPERTIES;
    await createCaseTable(db.client, 'cases-from-before', {
      ...withoutIndexes,
      AttributeDefinitions: withoutIndexes.AttributeDefinitions.slice(0, 2),
    });
    await expect(
      refuseOlderTable(db.client, 'cases-from-before', CASE_TABLE_PROPERTIES, '.local/serve'),
    ).rejects.toThrow(/without the indexes the case lists need .*delete \.local\/serve to start afresh/);
  });
});
