/**
 * allure-playwright, writing its result files without an fsync each. Its own writer opens, writes, fsyncs and
 * renames every result and attachment synchronously in Playwright's runner process, so on a busy disk the runner's
 * event loop stopped for each check and the workers waited for it (fsync was 205–884 ms of the runner's CPU
 * profile in a suite run). Nothing reads these files before the run ends (the CLI reads them after Playwright
 * exits), so durability per file buys nothing here; a crashed run is reported as interrupted anyway.
 * It also gives each check its Allure labels and exchanges attachment from the check's evidence record
 * (allure-labels.ts), which the workers used to send themselves.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Category, EnvironmentInfo } from 'allure-js-commons/sdk';
import type { Globals, TestResult, TestResultContainer } from 'allure-js-commons';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';
import { AllureReporter } from 'allure-playwright';
import type { Suite, TestCase, TestResult as PlaywrightResult } from '@playwright/test/reporter';
import { withCheckMetadata } from './allure-labels.js';

/** Plain synchronous writes into `resultsDir` (the file names allure-js-commons' FileSystemWriter uses). */
export class PlainFileWriter implements Writer {
  private made = false;
  constructor(private readonly resultsDir: string) {}

  private path(name: string): string {
    if (!this.made) mkdirSync(this.resultsDir, { recursive: true });
    this.made = true;
    return join(this.resultsDir, name);
  }

  writeResult(result: TestResult): void {
    writeFileSync(this.path(`${result.uuid}-result.json`), JSON.stringify(result));
  }
  writeGroup(result: TestResultContainer): void {
    writeFileSync(this.path(`${result.uuid}-container.json`), JSON.stringify(result));
  }
  writeAttachment(distFileName: string, content: Buffer): void {
    writeFileSync(this.path(distFileName), content);
  }
  writeAttachmentFromPath(distFileName: string, from: string): void {
    copyFileSync(from, this.path(distFileName));
  }
  writeEnvironmentInfo(info: EnvironmentInfo): void {
    writeFileSync(this.path('environment.properties'), stringifyEnvInfo(info));
  }
  writeCategoriesDefinitions(categories: Category[]): void {
    writeFileSync(this.path('categories.json'), JSON.stringify(categories));
  }
  writeGlobals(distFileName: string, info: Globals): void {
    writeFileSync(this.path(distFileName), JSON.stringify(info));
  }
}

export default class PlainWritingAllureReporter extends AllureReporter {
  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    // allure-playwright makes its runtime here with a FileSystemWriter and keeps it private; the writer is a
    // public field of that runtime (ReporterRuntime.writer), replaced before anything is written.
    (this as unknown as { allureRuntime: { writer: Writer } }).allureRuntime.writer = new PlainFileWriter(this.options.resultsDir ?? './allure-results');
  }

  override async onTestEnd(test: TestCase, result: PlaywrightResult): Promise<void> {
    await super.onTestEnd(test, withCheckMetadata(test, result));
  }
}
