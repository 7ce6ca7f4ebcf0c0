import type { CalendarDate } from './calendar.ts';

/** How a contract was concluded, and the channels through which a notice can be given. */
export const CONTACT_CHANNELS = ['online', 'email', 'phone', 'post', 'registered-post', 'in-person'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * The ways a statement can be made, each a group of channels. A consumer may cancel "op overeenkomstige
 * wijze" as the contract was concluded (6:236 sub o): in the same mode, not only through the same channel
 * (phone against a contract signed in person is oral both times). A contract concluded electronically may be
 * ended by an electronic statement (6:267). `written` here is on paper; an electronic statement also counts
 * as written where the contract asks for writing (6:227a).
 */
export const CONTACT_MODES = ['oral', 'written', 'electronic'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

/** The mode of each channel. */
export const MODE_OF_CHANNEL: Readonly<Record<ContactChannel, ContactMode>> = {
  phone: 'oral',
  'in-person': 'oral',
  post: 'written',
  'registered-post': 'written',
  online: 'electronic',
  email: 'electronic',
};

export function contactModeOf(channel: ContactChannel): ContactMode {
  return MODE_OF_CHANNEL[channel];
}

/** The cancellation clause of a contract, as written. */
export interface CancellationTerms {
  /** Form the contract requires for a notice: any, in writing (letter or e-mail), or registered post only. */
  requiredForm: 'any' | 'written' | 'registered-post';
  /** Channels the contract accepts for a notice; empty means any. */
  acceptedChannels: ContactChannel[];
  /** Notice period in whole months (0 = ends on receipt). */
  noticePeriodMonths: number;
  /** Initial fixed term in months from concludedOn (0 = indefinite from the start). */
  initialTermMonths: number;
  /** Whether the contract renews tacitly after the initial term. */
  tacitRenewal: boolean;
  /**
   * Business contracts: length in months of each tacit renewal (defaults to initialTermMonths). Consumer
   * contracts ignore it: after a tacit renewal they run for an indefinite time (6:236 sub j).
   */
  renewalTermMonths?: number;
  /**
   * The cancellation clause as the contract words it (e.g. "Artikel 9.2: Opzeggen kan uitsluitend per
   * aangetekende brief, met een opzegtermijn van drie maanden."). A rejection quotes it; without it the letter
   * quotes the terms above in Dutch.
   */
  clauseText?: string;
}

/** What the debtor says about their cancellation. */
export interface CancellationClaim {
  /** The day the notice reached the trader (3:37 lid 3), as far as known. */
  noticeReceivedOn: CalendarDate | null;
  /** The day the debtor says they sent it. */
  noticeSentOn: CalendarDate;
  channel: ContactChannel;
  /** Whether the trader confirmed receipt of the notice. */
  confirmedByTrader: boolean;
}

/** Evidence the trader holds about use of the service. */
export interface UsageEvidence {
  /** Last day the service was used (logins, consumption, reports), if any use was recorded. */
  lastUsedOn: CalendarDate | null;
  description?: string;
}
