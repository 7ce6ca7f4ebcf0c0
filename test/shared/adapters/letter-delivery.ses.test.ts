import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it } from 'vitest';
import { SesLetterDelivery } from '../../../shared/adapters/letter-delivery.ses.ts';
import { LetterDeliveryError } from '../../../shared/errors.ts';
import { renderLetter } from '../../../shared/letters/render.ts';
import { consumerCase, fourteenDayLetterInput } from '../letters/letter-fixtures.ts';

interface Seen {
  method: string;
  url: string;
  body: Record<string, unknown>;
}

/** A local HTTP server that answers SESv2 SendEmail (REST-JSON) with a fixed status. */
async function sesOnLocalhost(status = 200) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: String(req.method), url: String(req.url), body: JSON.parse(body) });
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'x-amzn-ErrorType': status === 200 ? '' : 'MessageRejected',
      });
      res.end(
        JSON.stringify(
          status === 200
            ? { MessageId: '0100018f-aaaa-bbbb' }
            : { message: 'Email address is not verified.' },
        ),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const client = new SESv2Client({
    region: 'eu-west-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return { client, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

describe('letters sent by e-mail through SES', () => {
  it('sends the HTML and the text copy to the debtor and keeps the MessageId as reference', async () => {
    const ses = await sesOnLocalhost();
    close = ses.close;
    const letter = renderLetter(fourteenDayLetterInput());
    const delivery = new SesLetterDelivery({ from: 'debiteuren@energiedirect.example', client: ses.client });
    expect(await delivery.deliver(letter)).toEqual({ deliveryReference: '0100018f-aaaa-bbbb' });
    const [request] = ses.seen;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v2/email/outbound-emails');
    expect(request?.body).toMatchObject({
      FromEmailAddress: 'debiteuren@energiedirect.example',
      Destination: { ToAddresses: ['j.devries@example.nl'] },
      Content: {
        Simple: {
          Subject: { Data: letter.subject },
          Body: { Html: { Data: letter.html }, Text: { Data: letter.text } },
        },
      },
    });
    expect(request?.body.EmailTags).toContainEqual({
      Name: 'letterId',
      Value: 'case-0001_fourteen-day-letter_1',
    });
  });

  it('sends through the configuration set that requires TLS, tagged so a bounce finds its case and letter', async () => {
    const ses = await sesOnLocalhost();
    close = ses.close;
    const letter = renderLetter(fourteenDayLetterInput());
    const delivery = new SesLetterDelivery({
      from: 'debiteuren@energiedirect.example',
      configurationSetName: 'DutchCollections-letters',
      client: ses.client,
    });
    await delivery.deliver(letter);
    const body = ses.seen[0]?.body;
    expect(body?.ConfigurationSetName).toBe('DutchCollections-letters');
    expect(body?.EmailTags).toEqual(
      expect.arrayContaining([
        { Name: 'caseId', Value: letter.caseId },
        { Name: 'kind', Value: 'fourteen-day-letter' },
      ]),
    );
  });

  it('refuses a debtor without an e-mail address without calling SES: that letter goes by post', async () => {
    const ses = await sesOnLocalhost();
    close = ses.close;
    const { email: _none, ...debtor } = consumerCase().debtor;
    const letter = renderLetter(fourteenDayLetterInput({ case: consumerCase({ debtor }) }));
    const delivery = new SesLetterDelivery({ from: 'debiteuren@energiedirect.example', client: ses.client });
    await expect(delivery.deliver(letter)).rejects.toThrow(LetterDeliveryError);
    expect(ses.seen).toHaveLength(0);
  });

  it('turns a refusal by SES into a visible delivery failure', async () => {
    const ses = await sesOnLocalhost(400);
    close = ses.close;
    const delivery = new SesLetterDelivery({ from: 'debiteuren@energiedirect.example', client: ses.client });
    const error = await delivery.deliver(renderLetter(fourteenDayLetterInput())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterDeliveryError);
    expect((error as LetterDeliveryError).code).toBe('LETTER_DELIVERY_FAILED');
  });
});
