/**
 * The IdP's directory, named like Microsoft Graph (`user`, `group`, `appRoleAssignment`). Extra string/boolean
 * properties (extensionAttribute1, extension_<app>_<name>) are kept and readable by mappings.
 */
export interface DirectoryUser {
  id: string;
  userPrincipalName: string;
  displayName?: string;
  givenName?: string;
  surname?: string;
  mail?: string;
  mailNickname?: string;
  jobTitle?: string;
  department?: string;
  employeeId?: string;
  companyName?: string;
  /** Sign-in allowed; false ⇒ Entra disables the target user. Default true. */
  accountEnabled?: boolean;
  preferredLanguage?: string;
  streetAddress?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  officeLocation?: string;
  businessPhones?: string[];
  mobilePhone?: string;
  faxNumber?: string;
  /** Id of the manager (another user of the directory). */
  manager?: string;
  /** Set ⇒ soft-deleted (in the recycle bin). A user missing from the directory is hard-deleted. */
  deletedDateTime?: string;
  [extension: string]: unknown;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  mailNickname?: string;
  mail?: string;
  description?: string;
  securityEnabled?: boolean;
  /** Direct members: user ids (group ids are accepted but nested groups are not provisioned). */
  members?: string[];
  [extension: string]: unknown;
}

export interface Assignment {
  principalId: string;
  principalType?: 'User' | 'Group';
  /** App role value (what SingleAppRoleAssignment([appRoleAssignments]) yields). */
  appRole?: string;
}

/** A directory file. No `assignments` ⇒ every user and group is in scope ("sync all"). */
export interface DirectoryInput {
  users: DirectoryUser[];
  groups?: DirectoryGroup[];
  assignments?: Assignment[];
}

/** Known Graph user properties and their types, for validation. */
export const USER_STRING_PROPS = [
  'userPrincipalName', 'displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'jobTitle', 'department', 'employeeId',
  'companyName', 'preferredLanguage', 'streetAddress', 'city', 'state', 'postalCode', 'country', 'officeLocation', 'mobilePhone',
  'faxNumber', 'manager', 'deletedDateTime', 'employeeType', 'usageLocation', 'onPremisesSamAccountName',
] as const;
export const USER_BOOLEAN_PROPS = ['accountEnabled'] as const;
export const USER_LIST_PROPS = ['businessPhones', 'proxyAddresses', 'otherMails'] as const;
export const GROUP_STRING_PROPS = ['displayName', 'mailNickname', 'mail', 'description'] as const;
export const GROUP_BOOLEAN_PROPS = ['securityEnabled', 'mailEnabled'] as const;
