// The other books (to be declared): legal publicity, legal aid, advisor consultations, notarization
// liaison, legal service office guidance, comprehensive governance, showcase sites, post
// responsibility letters, staff trainings, public notices.
import type { RegisterDeclaration } from './registers';

export const MORE_REGISTERS: readonly RegisterDeclaration[] = [];
