/**
 * Figures a check measured (achieved rate, latencies, the negotiated TLS version) that belong in the report even
 * when the check passes. check() puts a message on failing and info records only, so the figures travel as a
 * `measurement` annotation (Playwright's HTML report and JUnit properties show it) plus a JSON attachment; a
 * failure repeats them in its message.
 */
import type { TestInfo } from '@playwright/test';

export const MEASUREMENT = { annotation: 'measurement', attachment: 'scim-conform-measurement' } as const;

export async function recordMeasurement(testInfo: TestInfo, summary: string, data: unknown): Promise<void> {
  testInfo.annotations.push({ type: MEASUREMENT.annotation, description: summary });
  await testInfo.attach(MEASUREMENT.attachment, { body: JSON.stringify({ summary, data }), contentType: 'application/json' });
}
