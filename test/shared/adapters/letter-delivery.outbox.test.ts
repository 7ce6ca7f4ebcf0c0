import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxLetterDelivery } from '../../../shared/adapters/letter-delivery.outbox.ts';
import { LetterDeliveryError } from '../../../shared/errors.ts';
import { renderLetter } from '../../../shared/letters/render.ts';
import { fourteenDayLetterInput } from '../letters/letter-fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('letters delivered to the local outbox', () => {
  it('writes the letter as HTML with a plain-text copy', async () => {
    const letter = renderLetter(fourteenDayLetterInput());
    const { deliveryReference } = await new OutboxLetterDelivery(dir).deliver(letter);
    expect(deliveryReference).toBe(join(dir, 'case-0001:fourteen-day-letter:1.html'));
    expect(await readFile(deliveryReference, 'utf8')).toBe(letter.html);
    const text = await readFile(join(dir, 'case-0001:fourteen-day-letter:1.txt'), 'utf8');
    expect(text).toContain('Aan: J. de Vries <j.devries@example.nl>');
    expect(text).toContain('binnen veertien dagen vanaf de dag nadat deze brief bij u is bezorgd');
  });

  it('sends a letter id once: a retried step gets the same reference and the first letter stays', async () => {
    const outbox = new OutboxLetterDelivery(dir);
    const letter = renderLetter(fourteenDayLetterInput());
    const first = await outbox.deliver(letter);
    const retried = await new OutboxLetterDelivery(dir).deliver({
      ...letter,
      html: '<p>anders</p>',
      text: 'anders',
    });
    expect(retried).toEqual(first);
    expect(await readFile(first.deliveryReference, 'utf8')).toBe(letter.html);
    expect((await readdir(dir)).sort()).toEqual([
      'case-0001:fourteen-day-letter:1.html',
      'case-0001:fourteen-day-letter:1.txt',
    ]);
  });

  it('sends once even when two deliveries of the same letter race', async () => {
    const outbox = new OutboxLetterDelivery(dir);
    const letter = renderLetter(fourteenDayLetterInput());
    const results = await Promise.all([
      outbox.deliver(letter),
      outbox.deliver(letter),
      outbox.deliver(letter),
    ]);
    expect(new Set(results.map((r) => r.deliveryReference)).size).toBe(1);
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('refuses a letter id that would escape the outbox', async () => {
    const letter = renderLetter(fourteenDayLetterInput({ letterId: '../../etc/passwd' }));
    await expect(new OutboxLetterDelivery(dir).deliver(letter)).rejects.toThrow(LetterDeliveryError);
  });
});
