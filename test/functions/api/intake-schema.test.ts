import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { openCaseBody } from '../../../functions/api/schemas.ts';
import { aCase } from '../../support/case-fixture.ts';

const intake = () => {
  const c = aCase();
  return { debtor: c.debtor, contract: c.contract, invoices: c.invoices };
};

describe('intake of what letters need (issue 11)', () => {
  it('takes a contact person to address and the cancellation clause as the contract words it', () => {
    const body = intake();
    const parsed = z.parse(openCaseBody, {
      ...body,
      debtor: { ...body.debtor, contactPerson: 'mevrouw Jansen' },
      contract: {
        ...body.contract,
        cancellationTerms: {
          ...body.contract?.cancellationTerms,
          clauseText: 'Artikel 9.2: Opzeggen kan alleen per brief.',
        },
      },
    });
    expect(parsed.debtor.contactPerson).toBe('mevrouw Jansen');
    expect(parsed.contract?.cancellationTerms?.clauseText).toBe(
      'Artikel 9.2: Opzeggen kan alleen per brief.',
    );
  });

  it('stays compatible: both are optional, and a clause over 2000 characters is refused naming the field', () => {
    expect(z.safeParse(openCaseBody, intake()).success).toBe(true);
    const body = intake();
    const tooLong = z.safeParse(openCaseBody, {
      ...body,
      contract: {
        ...body.contract,
        cancellationTerms: { ...body.contract?.cancellationTerms, clauseText: 'x'.repeat(2001) },
      },
    });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.path.join('.')).toBe('contract.cancellationTerms.clauseText');
  });
});
