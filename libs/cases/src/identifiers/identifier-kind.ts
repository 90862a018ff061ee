/** What an identifier is; deconfliction matches only within a kind. */
export enum IdentifierKind {
  PHONE = 'PHONE',
  ADDRESS = 'ADDRESS',
  HANDLE = 'HANDLE',
  PLATE = 'PLATE',
  PERSON = 'PERSON',
}
