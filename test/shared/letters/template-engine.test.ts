import { describe, expect, it } from 'vitest';
import { expandTemplate, markupToText, TemplateError } from '../../../shared/letters/template-engine.ts';

describe('the letter template engine', () => {
  it('repeats a section for each item and drops the lines of standalone tags', () => {
    const out = expandTemplate('Facturen:\n{{#items}}\n- {{n}} ({{owner}})\n{{/items}}\nEinde', {
      owner: 'JdV',
      items: [{ n: 'A' }, { n: 'B' }],
    });
    expect(out).toBe('Facturen:\n- A (JdV)\n- B (JdV)\nEinde');
  });

  it('renders inverted sections only for falsy values', () => {
    const tpl = '{{#payBy}}uiterlijk {{payBy}}{{/payBy}}{{^payBy}}zo spoedig mogelijk{{/payBy}}';
    expect(expandTemplate(tpl, { payBy: '1 april 2025' })).toBe('uiterlijk 1 april 2025');
    expect(expandTemplate(tpl, {})).toBe('zo spoedig mogelijk');
  });

  it('refuses a missing value instead of printing an empty one', () => {
    expect(() => expandTemplate('kosten {{costs}}', {})).toThrow(TemplateError);
    expect(() => expandTemplate('{{#a}}x{{/b}}', {})).toThrow(TemplateError);
  });

  it('lays out tables with amounts aligned right in plain text', () => {
    expect(markupToText('| Factuur | Bedrag\n| F-1 | € 5,00\n| Totaal | € 150,00')).toBe(
      'Factuur    Bedrag\nF-1        € 5,00\nTotaal   € 150,00\n',
    );
  });
});
