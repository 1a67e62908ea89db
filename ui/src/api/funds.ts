import { commands } from "../bindings";

/**
 * The fund commands the Funds screen calls, in one place (the generated `commands.*`; arguments
 * are the core's inputs, as `src/domain/funds/model.rs` defines them), so the screen does not
 * change when a command's arguments do.
 */
export const funds = {
  classes: commands.fundClasses,
  status: commands.fundStatus,

  applications: (programmeId: string | null) => commands.fundApplications(programmeId, null),
  apply: commands.fundApply,
  /** Stores a scan or document (JPEG, PNG or PDF, base64) and answers its SHA-256. */
  attachDocument: commands.fundAttachDocument,
  review: commands.fundReview,
  decide: commands.fundDecide,

  awards: commands.fundAwards,
  award: commands.fundAwardDetail,
  makeAward: commands.fundAward,
  signContract: commands.fundSignContract,
  gates: commands.fundGates,
  pay: commands.fundPay,
  reverse: commands.fundReverse,
  override: commands.fundOverride,
  recover: commands.fundRecover,
  recovered: commands.fundRecovered,

  bans: commands.fundBans,
  liftBan: (id: string, date: string, reason: string) => commands.fundLiftBan(id, { date, reason }),
};
