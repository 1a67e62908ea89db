import { invoke } from "@tauri-apps/api/core";
import {
  commands,
  type Application,
  type ApplicationInput,
  type Award,
  type AwardClass,
  type AwardInput,
  type Ban,
  type ContractInput,
  type DecisionInput,
  type Disbursement,
  type FundStatus,
  type GateVerdict,
  type OverrideInput,
  type PaymentInput,
  type RecoveredInput,
  type RecoveryInput,
  type ReversalInput,
  type ReviewInput,
  type Saved,
} from "../bindings";

/**
 * The fund commands the Funds screen calls, in one place: each is a thin wrapper over the
 * command the shell declares, so the screen does not change when the generated `commands.*`
 * take over from `invoke` (arguments are the core's inputs, as `src/domain/funds/model.rs`
 * defines them).
 */
export const funds = {
  classes: (programmeId: string): Promise<AwardClass[]> => commands.fundClasses(programmeId),
  status: (programmeId: string): Promise<FundStatus> => commands.fundStatus(programmeId),

  applications: (programmeId: string | null): Promise<Application[]> =>
    invoke("fund_applications", { programmeId, decision: null }),
  apply: (input: ApplicationInput): Promise<Saved<Application>> => invoke("fund_apply", { input }),
  review: (input: ReviewInput): Promise<unknown> => invoke("fund_review", { input }),
  decide: (input: DecisionInput): Promise<unknown> => invoke("fund_decide", { input }),

  awards: (programmeId: string): Promise<Award[]> => invoke("fund_awards", { programmeId }),
  award: (id: string): Promise<Award> => invoke("fund_award_detail", { id }),
  makeAward: (input: AwardInput): Promise<Saved<Award>> => invoke("fund_award", { input }),
  /** Stores a scan or document (JPEG, PNG or PDF, base64) and answers its SHA-256. */
  attachDocument: (fileName: string, contentBase64: string): Promise<string> =>
    invoke("fund_attach_document", { fileName, contentBase64 }),
  signContract: (input: ContractInput): Promise<unknown> => invoke("fund_sign_contract", { input }),
  gates: (programmeId: string): Promise<GateVerdict[]> => invoke("fund_gates", { programmeId }),
  pay: (input: PaymentInput): Promise<Saved<Disbursement>> => invoke("fund_pay", { input }),
  reverse: (input: ReversalInput): Promise<unknown> => invoke("fund_reverse", { input }),
  override: (input: OverrideInput): Promise<unknown> => invoke("fund_override", { input }),
  recover: (input: RecoveryInput): Promise<unknown> => invoke("fund_recover", { input }),
  recovered: (input: RecoveredInput): Promise<unknown> => invoke("fund_recovered", { input }),

  bans: (operatorId: string | null): Promise<Ban[]> => invoke("fund_bans", { operatorId }),
  liftBan: (id: string, date: string, reason: string): Promise<unknown> =>
    invoke("fund_lift_ban", { id, input: { date, reason } }),
};

/** The id of what a write answered: a `Saved<T>`'s record, a record, or the id itself. */
export function savedId(answer: unknown): string | null {
  if (typeof answer === "string") return answer;
  if (answer && typeof answer === "object") {
    const a = answer as { id?: unknown; record?: { id?: unknown } };
    if (typeof a.record?.id === "string") return a.record.id;
    if (typeof a.id === "string") return a.id;
  }
  return null;
}
