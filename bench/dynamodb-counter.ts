import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemSizeBytes } from '../shared/adapters/case-store.dynamodb.ts';

/** DynamoDB requests and the on-demand request units they bill, for one case (or in total). */
export interface DynamoDbUsage {
  reads: number;
  writes: number;
  /** Strongly consistent reads: 1 RRU per started 4 KB of the item returned (1 for a miss). */
  readRequestUnits: number;
  /** Standard writes: 1 WRU per started 1 KB of the item written (a failed condition is billed too). */
  writeRequestUnits: number;
}

export const emptyUsage = (): DynamoDbUsage => ({
  reads: 0,
  writes: 0,
  readRequestUnits: 0,
  writeRequestUnits: 0,
});

type Item = Record<string, AttributeValue>;

/** The case an item belongs to: `CASE#<id>` keys, or the `caseId` attribute an intake item carries. */
function caseOf(item: Item | undefined): string {
  const pk = item?.pk?.S;
  if (pk?.startsWith('CASE#')) return pk.slice('CASE#'.length);
  return item?.caseId?.S ?? '(unattributed)';
}

const units = (bytes: number, unit: number) => Math.max(1, Math.ceil(bytes / unit));

/**
 * Counts every request the case store sends, per case, with an SDK middleware on the client: what the
 * product does against DynamoDB, whatever the engine behind the endpoint.
 */
let counters = 0;

export class DynamoDbCounter {
  readonly byCase = new Map<string, DynamoDbUsage>();
  readonly total = emptyUsage();
  readonly other = new Map<string, number>();

  /** Adds the counting middleware to the client; returns a function that removes it again. */
  attach(client: DynamoDBClient): () => void {
    const name = `benchDynamoDbCounter${++counters}`;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? 'unknown';
        const input = args.input as { Key?: Item; Item?: Item };
        try {
          const out = await next(args);
          const output = out.output as { Item?: Item };
          if (command === 'GetItemCommand') {
            const bytes = output.Item ? itemSizeBytes(output.Item) : 0;
            this.#count(caseOf(output.Item ?? input.Key), 'read', units(bytes, 4096));
          }
          return out;
        } catch (error) {
          if (command === 'GetItemCommand') this.#count(caseOf(input.Key), 'read', 1);
          throw error;
        } finally {
          if (command === 'PutItemCommand' && input.Item) {
            this.#count(caseOf(input.Item), 'write', units(itemSizeBytes(input.Item), 1024));
          } else if (command !== 'GetItemCommand') {
            // Table set-up, or a command the case store does not use today (it would need its own unit rule).
            this.other.set(command, (this.other.get(command) ?? 0) + 1);
          }
        }
      },
      { step: 'initialize', name },
    );
    return () => {
      client.middlewareStack.remove(name);
    };
  }

  usageOf(caseId: string): DynamoDbUsage {
    return this.byCase.get(caseId) ?? emptyUsage();
  }

  #count(caseId: string, kind: 'read' | 'write', requestUnits: number): void {
    let usage = this.byCase.get(caseId);
    if (!usage) {
      usage = emptyUsage();
      this.byCase.set(caseId, usage);
    }
    for (const u of [usage, this.total]) {
      if (kind === 'read') {
        u.reads++;
        u.readRequestUnits += requestUnits;
      } else {
        u.writes++;
        u.writeRequestUnits += requestUnits;
      }
    }
  }
}
