import { isObject } from '../../core/filter/index.js';
import { badRequest } from '../scim/scim-error.js';
import type { Defect } from './types.js';

/** A password policy of the kind vendors apply to their own sign-up form: 12 characters, upper, lower and a digit. */
const STRONG = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{12,}$/;

export const placeholderPasswordRejected: Defect = {
  name: 'placeholder-password-rejected',
  requirements: ['OKTA-PASSWORD-IGNORED', 'OKTA-USER-CREATE'],
  description: 'Applies a password policy (12 characters, upper and lower case, a digit) to the password of POST and PUT /Users, although it stores no passwords: Okta\'s 8-character placeholder gets 400 invalidValue, so no Okta assignment can create a user.',
  install: () => ({
    request: (req) => {
      const password = isObject(req.body) ? req.body.password : undefined;
      if (req.resourceType === 'User' && (req.method === 'POST' || req.method === 'PUT') && typeof password === 'string' && !STRONG.test(password)) {
        throw badRequest('invalidValue', 'password does not meet the password policy (12 characters, upper and lower case, a digit).');
      }
      return req;
    },
  }),
};
