import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_ENV, settingsFromEnvironment } from '../../../shared/config/settings.ts';

describe('settings from the environment', () => {
  it('uses the defaults when nothing is configured', () => {
    expect(settingsFromEnvironment({})).toEqual(DEFAULT_SETTINGS);
  });

  it('reads the JSON the CDK puts in COLLECTIONS_SETTINGS', () => {
    const configured = { ...DEFAULT_SETTINGS, policy: { ...DEFAULT_SETTINGS.policy, reminderDelayDays: 10 } };
    expect(
      settingsFromEnvironment({ [SETTINGS_ENV]: JSON.stringify(configured) }).policy.reminderDelayDays,
    ).toBe(10);
  });

  it('fails fast at start-up, naming the setting that is wrong', () => {
    const wrong = { ...DEFAULT_SETTINGS, policy: { ...DEFAULT_SETTINGS.policy, businessDemandTermDays: 3 } };
    expect(() => settingsFromEnvironment({ [SETTINGS_ENV]: JSON.stringify(wrong) })).toThrow(
      expect.objectContaining({
        name: 'ConfigurationError',
        code: 'CONFIGURATION_INVALID',
        setting: 'settings.policy.businessDemandTermDays',
      }),
    );
  });

  it('calls settings that are not JSON a configuration error, not bad input', () => {
    expect(() => settingsFromEnvironment({ [SETTINGS_ENV]: '{creditor' })).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', setting: SETTINGS_ENV }),
    );
  });
});
