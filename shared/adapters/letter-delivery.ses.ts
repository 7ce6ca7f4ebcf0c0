import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { LetterDeliveryError } from '../errors.ts';
import type { LetterDelivery, RenderedLetter } from '../ports/letter-delivery.ts';

export interface SesLetterDeliveryConfig {
  /** Verified sender, e.g. `"Energie Direct" <debiteuren@energiedirect.example>`. */
  from: string;
  replyTo?: string;
  configurationSetName?: string;
  client?: SESv2Client;
}

/** SES message tag values allow letters, digits, `_`, `-`, `.`, `@`; anything else becomes `_`. */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);
}

/**
 * E-mail delivery through Amazon SES (SESv2 SendEmail): HTML with the plain-text copy as alternative.
 * Letters to a debtor without an e-mail address are refused (they go through the postal port instead).
 * The SES MessageId is the delivery reference. SES has no idempotency key: the caller guarantees "once"
 * by recording the letter (status 'pending') before calling and 'delivered' with the reference after,
 * and by not calling again for a letter recorded as delivered (docs/letters-and-handoff.md).
 */
export class SesLetterDelivery implements LetterDelivery {
  private readonly client: SESv2Client;

  constructor(private readonly config: SesLetterDeliveryConfig) {
    this.client = config.client ?? new SESv2Client({});
  }

  async deliver(letter: RenderedLetter): Promise<{ deliveryReference: string }> {
    const to = letter.recipient.email;
    if (!to) {
      throw new LetterDeliveryError(`letter ${letter.letterId} has no e-mail recipient; deliver it by post`);
    }
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.config.from,
          Destination: { ToAddresses: [to] },
          ...(this.config.replyTo ? { ReplyToAddresses: [this.config.replyTo] } : {}),
          ...(this.config.configurationSetName
            ? { ConfigurationSetName: this.config.configurationSetName }
            : {}),
          Content: {
            Simple: {
              Subject: { Data: letter.subject, Charset: 'UTF-8' },
              Body: {
                Html: { Data: letter.html, Charset: 'UTF-8' },
                Text: { Data: letter.text, Charset: 'UTF-8' },
              },
            },
          },
          EmailTags: [
            { Name: 'letterId', Value: tagValue(letter.letterId) },
            { Name: 'caseId', Value: tagValue(letter.caseId) },
            { Name: 'kind', Value: tagValue(letter.kind) },
          ],
        }),
      );
      if (!out.MessageId)
        throw new LetterDeliveryError(`SES accepted letter ${letter.letterId} without a MessageId`);
      return { deliveryReference: out.MessageId };
    } catch (error) {
      if (error instanceof LetterDeliveryError) throw error;
      throw new LetterDeliveryError(`SES did not accept letter ${letter.letterId}`, { cause: error });
    }
  }
}
