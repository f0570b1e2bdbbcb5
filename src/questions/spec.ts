// The parsed form of a question file (Question.spec). Built by file.ts, read by the rest.
import type { Expr } from './expr/index.ts';

export type Scalar = number | string;

export type ParamSpec =
  | { name: string; kind: 'range'; min: number; max: number; step: number }
  | { name: string; kind: 'choice'; values: Scalar[]; with?: string }
  | { name: string; kind: 'shuffle'; values: Scalar[] };

export interface ComputedSpec { name: string; text: string; expr: Expr }

export interface HintSpec { after: number; text: string }
export interface FeedbackSpec { answer: string; text: string }

/** Fields every part has; `answer` is an author expression, a template or a literal by type. */
export interface PartBase {
  id: string;
  label: string;
  weight: number;
  answer: string;
  hints: HintSpec[];
  feedback: FeedbackSpec[];
}

/** Significant figures required, as an inclusive range of counts. */
export interface SigfigRange { min: number; max: number }

export interface NumberPartSpec extends PartBase {
  type: 'number';
  absTol: number;
  relTol: number;
  sigfigs?: SigfigRange;
  /** Score for a value within tolerance but with the wrong number of significant figures. */
  sigfigsCredit: number;
}

export interface QuantityPartSpec extends Omit<NumberPartSpec, 'type'> {
  type: 'quantity';
  /** Unit of `answer`, as unit text our reader knows ("m/s^2"; src/questions/units/). */
  unit: string;
  /** Score for the right magnitude in `unit` written without any unit. */
  unitsMissingCredit: number;
  /** The quantity is a difference (a temperature change): units convert without their offsets. */
  difference: boolean;
}

export interface FormulaPartSpec extends PartBase {
  type: 'formula';
  variables: string[];
  domains: Record<string, readonly [number, number]>;
  relTol?: number;
  absTol?: number;
}

export type ChoiceCredit = 'all-or-nothing' | 'each-correct-minus-wrong' | 'each-option';
export const choiceCredits: readonly ChoiceCredit[] = ['all-or-nothing', 'each-correct-minus-wrong', 'each-option'];

export interface ChoicePartSpec extends PartBase {
  type: 'choice';
  options: { id: string; text: string }[];
  multiple: boolean;
  shuffle: boolean;
  credit: ChoiceCredit;
}

export type TextMatch = 'exact' | 'case-insensitive' | 'pattern';
export const textMatchModes: readonly TextMatch[] = ['exact', 'case-insensitive', 'pattern'];

export interface TextPartSpec extends PartBase {
  type: 'text';
  match: TextMatch;
  /** Pattern mode: the regex every accepted answer matches in full. */
  pattern?: string;
  ignoreCase: boolean;
}

export type PartSpec = NumberPartSpec | QuantityPartSpec | FormulaPartSpec | ChoicePartSpec | TextPartSpec;

export interface QuestionSpec {
  file: string;
  params: ParamSpec[];
  computed: ComputedSpec[];
  parts: PartSpec[];
  /** Markdown body with {{expression}} templates, as written. */
  body: string;
  /** Line of the file where `body` starts, for errors in its templates. */
  bodyLine: number;
}
