/**
 * The only region StreamFlix deploys to (data residency). The value is SFX-REGION's own
 * (rules/region.ts), so the gate, the deploy-time region guard, the launch role and the app
 * cannot disagree about it.
 */
export { MANDATED_REGION } from '../../rules/region';
