/**
 * Seeded Faker instances with the English locale. Faker's root entry loads every one of its 60-odd locales
 * (about 220 ms here, paid by Playwright's main process and by every worker); its `locale/en` entry loads
 * English alone but exports only a ready instance, so the class is taken from that instance.
 */
import type { Faker } from '@faker-js/faker';
import { faker as english } from '@faker-js/faker/locale/en';

const FakerClass = english.constructor as typeof Faker;

/** A Faker of its own (its own random stream) seeded with `seed`; the same seed gives the same values. */
export function seededEnglishFaker(seed: number): Faker {
  const f = new FakerClass({ locale: english.rawDefinitions });
  f.seed(seed);
  return f;
}
