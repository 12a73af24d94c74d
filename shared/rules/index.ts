/**
 * The ownership rules engine: public API. `parseScenario` validates a scenario (JSON value or
 * string), `decide` returns its verdict. See docs/rules.md for the catalogue and the contract.
 */
export { decide } from './engine';
export { concerns, isFollowUp } from './facts';
export {
  DEFAULT_TIME_ZONE,
  RULE_IDS,
  otherOpenFileSchema,
  parseScenario,
  ruleIdSchema,
  scenarioAgentSchema,
  scenarioActivitySchema,
  scenarioChatSchema,
  scenarioClientSchema,
  scenarioMeetingSchema,
  scenarioOpportunitySchema,
  scenarioSchema,
  scenarioShiftSchema,
  scenarioTextSchema,
  verdictDecisionSchema,
  verdictSchema,
} from './scenario';
export type {
  AgentRole,
  Channel,
  OpportunityStatus,
  OtherOpenFile,
  ParseScenarioResult,
  Presence,
  RuleId,
  Scenario,
  ScenarioActivity,
  ScenarioAgent,
  ScenarioChat,
  ScenarioClient,
  ScenarioError,
  ScenarioInput,
  ScenarioMeeting,
  ScenarioOpportunity,
  ScenarioShift,
  ScenarioText,
  Verdict,
  VerdictDecision,
} from './scenario';
