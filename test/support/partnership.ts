import { chesterfieldPack } from '../../src/domain/areas/chesterfield';

/** The default partnership of the tests (CSP_AREA's default): whose plan, follow-ups and minutes single-partnership tests keep. */
export const CHESTERFIELD = chesterfieldPack.district.code;
