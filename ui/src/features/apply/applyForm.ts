//! The application form's model (R-REVIEW-12: a true contact, a shipping address, 合作优势
//! and 创作思路): its values, what it starts from, the `ApplicationInput` it stands for, and
//! where each of core's answers shows. Core's `check_application` is the one judge of a
//! field and of the warnings; nothing here second-guesses it.

import type {
  AddressView,
  ApplicationCheck,
  ApplicationInput,
  FieldProblem,
  RewardMeasure,
  RewardView,
  ShippingChoice,
  SnippetKind,
  SnippetView,
} from '../../bindings';
import { ADDRESS_FIELDS } from '../profile/addressForm';

/** The two texts of the form; each is also a kind of saved snippet. */
export const PITCH_FIELDS = ['strengths', 'idea'] as const satisfies readonly SnippetKind[];

export type PitchField = (typeof PITCH_FIELDS)[number];

export interface ApplyValues {
  /** The saved address picked; `null` while there is none to pick. */
  addressId: string | null;
  strengths: string;
  idea: string;
  /** The snippet each text was taken from, so core lists it first next time. */
  snippetIds: Record<PitchField, string | null>;
}

/** The default address, else the first listed (core lists the default first anyway). */
export function defaultAddressId(addresses: readonly AddressView[]): string | null {
  return (addresses.find((a) => a.is_default) ?? addresses[0])?.id ?? null;
}

/** The address the form sends: the one picked while it still exists (it may have been
 * deleted in Settings meanwhile), else the default. */
export function effectiveAddressId(
  picked: string | null,
  addresses: readonly AddressView[],
): string | null {
  return addresses.some((a) => a.id === picked) ? picked : defaultAddressId(addresses);
}

/** The snippet of a kind used last, if any has been used at all: a snippet never used is
 * offered in the picker but not typed in for the creator. */
export function lastUsedSnippet(
  snippets: readonly SnippetView[],
  kind: SnippetKind,
): SnippetView | undefined {
  let best: SnippetView | undefined;
  for (const s of snippets) {
    if (s.kind !== kind || s.last_used_at === null) continue;
    if (best?.last_used_at == null || Date.parse(s.last_used_at) > Date.parse(best.last_used_at)) {
      best = s;
    }
  }
  return best;
}

/** The form as it opens: the default address, each text from its last used snippet. */
export function initialValues(
  addresses: readonly AddressView[],
  snippets: readonly SnippetView[],
): ApplyValues {
  const strengths = lastUsedSnippet(snippets, 'strengths');
  const idea = lastUsedSnippet(snippets, 'idea');
  return {
    addressId: defaultAddressId(addresses),
    strengths: strengths?.body ?? '',
    idea: idea?.body ?? '',
    snippetIds: { strengths: strengths?.id ?? null, idea: idea?.id ?? null },
  };
}

/**
 * Core's check takes a shipping choice and has none for "no address yet": an empty typed
 * address stands for it (core then finds every address field empty, and the texts and the
 * warnings are still checked). The form says "choose an address" instead of those.
 */
const NO_ADDRESS: ShippingChoice = {
  kind: 'typed',
  contact_name: '',
  phone: '',
  region_code: '',
  detail: '',
};

/** What the form says, as core takes it. Texts go as typed: core trims and counts. */
export function applicationInputOf(taskId: string, values: ApplyValues): ApplicationInput {
  return {
    task_id: taskId,
    shipping:
      values.addressId === null ? NO_ADDRESS : { kind: 'saved', address_id: values.addressId },
    strengths: values.strengths,
    idea: values.idea,
    snippet_ids: PITCH_FIELDS.flatMap((f) => {
      const id = values.snippetIds[f];
      return id === null ? [] : [id];
    }),
  };
}

/** Where core's problems show: the first of each text under it, a saved address's under
 * the address picker (only while one is picked: with none, the picker says so itself). */
export interface PlacedProblems {
  shipping: FieldProblem[];
  strengths?: FieldProblem;
  idea?: FieldProblem;
}

export function placeProblems(
  problems: readonly FieldProblem[],
  addressPicked: boolean,
): PlacedProblems {
  const placed: PlacedProblems = { shipping: [] };
  for (const p of problems) {
    if (p.field === 'strengths' || p.field === 'idea') {
      placed[p.field] ??= p;
    } else if (addressPicked && ADDRESS_FIELDS.some((f) => f === p.field)) {
      placed.shipping.push(p);
    }
  }
  return placed;
}

/** Applying again is refused for sure (the only warning that is not the platform's call). */
export function alreadyApplied(check: ApplicationCheck | undefined): boolean {
  return check?.warnings.some((w) => w.code === 'already_applied') ?? false;
}

/** Sent only with no field problem and not already applied; other warnings are shown, and
 * the platform decides. */
export function maySend(check: ApplicationCheck): boolean {
  return check.problems.length === 0 && !alreadyApplied(check);
}

/** What the reward scheme pays on, for the preview's input; `null`: nothing to enter. */
export function measureOf(reward: RewardView): RewardMeasure['by'] | null {
  if (reward.kind === 'play_tiers') return 'plays';
  if (reward.kind === 'rank') return 'rank';
  return null;
}

/** Core takes a rank as a `u32`. */
const MAX_RANK = 4_294_967_295;

/** The preview's question to core, once a whole number in range is entered. */
export function rewardMeasure(by: RewardMeasure['by'], value: number | null): RewardMeasure | null {
  if (value === null || !Number.isSafeInteger(value)) return null;
  if (by === 'plays') return value >= 0 ? { by, plays: value } : null;
  return value >= 1 && value <= MAX_RANK ? { by, rank: value } : null;
}
