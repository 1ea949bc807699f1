/**
 * The canonical model of a child's journey: one entity per record kind, each read from an SSD table
 * (ssd-fields.md, SSD v1.4 column names) and/or a Threadline extension file (docs/data-format.md).
 *
 * Order matters only for readability: the importer checks references across the whole extract.
 */
import { defineEntity, type Entity } from './schema.js';

const P = { req: true, ref: 'person' } as const;
const WORKER = { ref: 'worker' } as const;
const TEAM = { ref: 'team' } as const;
const REFERRAL = { ref: 'referral' } as const;

export const entities: readonly Entity[] = [
  // --- Authority, workforce -------------------------------------------------------------------------
  defineEntity({
    name: 'authority', label: 'Authority', extFile: 'tl_authority', key: 'auth_la_code',
    ext: [
      ['name', 'auth_name', 'text', { req: true }],
      ['region', 'auth_region', 'text'],
      ['ons_code', 'auth_ons_code', 'text', { label: 'ONS code' }],
      ['comparator_la_code', 'auth_comparator_la_code', 'text', { label: 'DfE local authority to compare as' }],
    ],
  }),
  defineEntity({
    name: 'population', label: 'Population estimate (0 to 17)', extFile: 'tl_population', key: 'popu_table_id',
    ext: [
      ['la_code', 'popu_la_code', 'id', { req: true, ref: 'authority', label: 'Local authority' }],
      ['mid_year', 'popu_mid_year', 'int', { req: true, label: 'Mid-year (30 June) of' }],
      ['children', 'popu_children_0_17', 'int', { req: true, label: 'Children aged 0 to 17' }],
      ['source', 'popu_source', 'text'],
    ],
  }),
  defineEntity({
    name: 'team', label: 'Team', ssdFile: 'ssd_department', extFile: 'tl_department', key: 'dept_team_id',
    ssd: [
      ['name', 'dept_team_name', 'text', { req: true }],
      ['parent_id', 'dept_team_parent_id', 'id', { ref: 'team', label: 'Parent team or service' }],
      ['parent_name', 'dept_team_parent_name', 'text'],
    ],
    ext: [
      ['service_area', 'dept_service_area', 'text', { codes: 'serviceArea' }],
      ['manager_id', 'dept_manager_id', 'id', { ...WORKER, label: 'Team manager' }],
      ['start_date', 'dept_start_date', 'date'],
      ['end_date', 'dept_end_date', 'date'],
    ],
  }),
  defineEntity({
    name: 'worker', label: 'Worker', ssdFile: 'ssd_professionals', extFile: 'tl_professionals', key: 'prof_professional_id',
    ssd: [
      ['staff_id', 'prof_staff_id', 'text'],
      ['name', 'prof_professional_name', 'text', { req: true }],
      ['sw_registration_no', 'prof_social_worker_registration_no', 'text', { label: 'Social Work England registration' }],
      ['job_title', 'prof_professional_job_title', 'text'],
      ['caseload', 'prof_professional_caseload', 'int', { label: 'Caseload (as extracted)' }],
      ['department', 'prof_professional_department', 'text'],
      ['fte', 'prof_full_time_equivalency', 'number', { label: 'Full-time equivalent' }],
      ['agency', 'prof_agency_worker_flag', 'flag', { label: 'Agency worker' }],
    ],
    ext: [
      ['team_id', 'prof_team_id', 'id', TEAM],
      ['start_date', 'prof_start_date', 'date', { label: 'Started with the authority' }],
      ['end_date', 'prof_end_date', 'date', { label: 'Left the authority' }],
    ],
  }),
  defineEntity({
    name: 'post', label: 'Post (establishment)', extFile: 'tl_posts', key: 'post_post_id',
    ext: [
      ['team_id', 'post_team_id', 'id', { req: true, ...TEAM }],
      ['title', 'post_title', 'text', { req: true }],
      ['fte', 'post_fte', 'number', { req: true, label: 'Establishment FTE' }],
      ['social_worker', 'post_social_worker', 'flag', { req: true, label: 'Social worker post' }],
      ['case_holding', 'post_case_holding', 'flag', { req: true, label: 'Case-holding post' }],
      ['start_date', 'post_start_date', 'date', { req: true }],
      ['end_date', 'post_end_date', 'date'],
    ],
    mainEvent: 'start_date',
  }),
  defineEntity({
    name: 'post_holder', label: 'Post holder', extFile: 'tl_post_holders', key: 'posh_table_id',
    ext: [
      ['post_id', 'posh_post_id', 'id', { req: true, ref: 'post' }],
      ['worker_id', 'posh_professional_id', 'id', { req: true, ...WORKER }],
      ['fte', 'posh_fte', 'number', { req: true, label: 'FTE in the post' }],
      ['agency', 'posh_agency', 'flag', { req: true, label: 'Agency worker' }],
      ['start_date', 'posh_start_date', 'date', { req: true }],
      ['end_date', 'posh_end_date', 'date'],
    ],
    mainEvent: 'start_date',
  }),
  defineEntity({
    name: 'absence', label: 'Worker absence', extFile: 'tl_absences', key: 'abse_table_id',
    ext: [
      ['worker_id', 'abse_professional_id', 'id', { req: true, ...WORKER }],
      ['start_date', 'abse_start_date', 'date', { req: true }],
      ['end_date', 'abse_end_date', 'date'],
      ['long_term', 'abse_long_term', 'flag', { req: true, label: 'Long-term absence' }],
      ['reason', 'abse_reason', 'text'],
    ],
    mainEvent: 'start_date',
  }),

  // --- The person ---------------------------------------------------------------------------------
  defineEntity({
    name: 'person', label: 'Person', ssdFile: 'ssd_person', key: 'pers_person_id',
    ssd: [
      ['forename', 'pers_forename', 'text'],
      ['surname', 'pers_surname', 'text'],
      ['sex', 'pers_sex', 'text', { codes: 'sex' }],
      ['gender', 'pers_gender', 'text'],
      ['ethnicity', 'pers_ethnicity', 'text', { codes: 'ethnicity' }],
      ['dob', 'pers_dob', 'date', { label: 'Date of birth' }],
      ['common_child_id', 'pers_common_child_id', 'text'],
      ['legacy_id', 'pers_legacy_id', 'text'],
      ['upn_unknown', 'pers_upn_unknown', 'text', { label: 'UPN unknown reason' }],
      ['send_flag', 'pers_send_flag', 'text', { label: 'SEND' }],
      ['expected_dob', 'pers_expected_dob', 'date', { label: 'Expected date of birth' }],
      ['death_date', 'pers_death_date', 'date'],
      ['is_mother', 'pers_is_mother', 'flag'],
      ['nationality', 'pers_nationality', 'text'],
    ],
  }),
  defineEntity({
    name: 'person_identifier', label: 'Identifier', ssdFile: 'ssd_linked_identifiers', key: 'link_table_id',
    ssd: [
      ['person_id', 'link_person_id', 'id', P],
      ['identifier_type', 'link_identifier_type', 'text', { req: true, codes: 'identifierType' }],
      ['value', 'link_identifier_value', 'text', { req: true }],
      ['valid_from', 'link_valid_from_date', 'date'],
      ['valid_to', 'link_valid_to_date', 'date'],
    ],
    person: 'person_id',
  }),
  defineEntity({
    name: 'address', label: 'Address', ssdFile: 'ssd_address', key: 'addr_table_id',
    ssd: [
      ['address_json', 'addr_address_json', 'json', { label: 'Address' }],
      ['person_id', 'addr_person_id', 'id', P],
      ['address_type', 'addr_address_type', 'text', { codes: 'addressType' }],
      ['start_date', 'addr_address_start_date', 'date'],
      ['end_date', 'addr_address_end_date', 'date'],
      ['postcode', 'addr_address_postcode', 'text'],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'disability', label: 'Disability', ssdFile: 'ssd_disability', key: 'disa_table_id',
    ssd: [
      ['person_id', 'disa_person_id', 'id', P],
      ['code', 'disa_disability_code', 'text', { req: true, codes: 'disability', label: 'Disability' }],
    ],
    person: 'person_id',
  }),
  defineEntity({
    name: 'immigration_status', label: 'Immigration status', ssdFile: 'ssd_immigration_status', key: 'immi_immigration_status_id',
    ssd: [
      ['person_id', 'immi_person_id', 'id', P],
      ['status', 'immi_immigration_status', 'text', { req: true, codes: 'immigrationStatus' }],
      ['start_date', 'immi_immigration_status_start_date', 'date'],
      ['end_date', 'immi_immigration_status_end_date', 'date'],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'family', label: 'Family membership', ssdFile: 'ssd_family', key: 'fami_table_id',
    ssd: [
      ['family_id', 'fami_family_id', 'text', { req: true, label: 'Family' }],
      ['person_id', 'fami_person_id', 'id', P],
    ],
    person: 'person_id',
  }),
  defineEntity({
    name: 'mother', label: 'Mother and child', ssdFile: 'ssd_mother', key: 'moth_table_id',
    ssd: [
      ['person_id', 'moth_person_id', 'id', { ...P, label: 'Mother' }],
      ['child_person_id', 'moth_childs_person_id', 'id', { req: true, ref: 'person', label: 'Child' }],
      ['child_dob', 'moth_childs_dob', 'date', { label: "Child's date of birth" }],
    ],
    person: 'person_id',
  }),
  defineEntity({
    name: 'relationship', label: 'Relationship', extFile: 'tl_relationships', key: 'rela_table_id',
    ext: [
      ['person_id', 'rela_person_id', 'id', P],
      ['related_person_id', 'rela_related_person_id', 'id', { req: true, ref: 'person', label: 'Related person' }],
      ['relationship', 'rela_relationship', 'text', { req: true, codes: 'relationship', label: 'Related person is the child’s' }],
      ['parental_responsibility', 'rela_parental_responsibility', 'flag'],
      ['start_date', 'rela_start_date', 'date'],
      ['end_date', 'rela_end_date', 'date'],
    ],
    person: 'person_id',
  }),

  // --- Front door and early help ------------------------------------------------------------------
  defineEntity({
    name: 'contact', label: 'Contact', ssdFile: 'ssd_contacts', extFile: 'tl_contacts', key: 'cont_contact_id',
    ssd: [
      ['person_id', 'cont_person_id', 'id', P],
      ['received_at', 'cont_contact_date', 'datetime', { req: true, label: 'Received' }],
      ['source', 'cont_contact_source_code', 'text', { codes: 'referralSource' }],
      ['source_desc', 'cont_contact_source_desc', 'text', { label: 'Source (description)' }],
      ['outcome_json', 'cont_contact_outcome_json', 'json', { label: 'Outcome (as extracted)' }],
    ],
    ext: [
      ['consent', 'cont_consent', 'text', { codes: 'yesNo', label: 'Consent obtained' }],
      ['consent_note', 'cont_consent_note', 'text', { label: 'Consent: why not needed or not obtained' }],
      ['received_by_id', 'cont_received_by_id', 'id', { ...WORKER, label: 'Recorded by' }],
      ['decision_at', 'cont_decision_date', 'datetime', { label: 'Decision made' }],
      ['decision', 'cont_decision', 'text', { codes: 'contactOutcome' }],
      ['decision_rationale', 'cont_decision_rationale', 'text', { label: 'Rationale' }],
      ['decided_by_id', 'cont_decided_by_id', 'id', { ...WORKER, label: 'Decided by' }],
      ['referral_id', 'cont_referral_id', 'id', { ...REFERRAL, label: 'Became referral' }],
      ['early_help_id', 'cont_early_help_id', 'id', { ref: 'early_help_episode', label: 'Stepped down to early help episode' }],
    ],
    mainEvent: 'received_at', person: 'person_id',
  }),
  defineEntity({
    name: 'decision_challenge', label: 'Challenge to a front-door decision', extFile: 'tl_decision_challenges', key: 'chal_table_id',
    ext: [
      ['contact_id', 'chal_contact_id', 'id', { req: true, ref: 'contact' }],
      ['person_id', 'chal_person_id', 'id', P],
      ['raised_at', 'chal_raised_date', 'datetime', { req: true }],
      ['raised_by_id', 'chal_raised_by_id', 'id', WORKER],
      ['reason', 'chal_reason', 'text', { req: true }],
      ['resolved_at', 'chal_resolved_date', 'datetime'],
      ['resolution', 'chal_resolution', 'text'],
      ['resolved_by_id', 'chal_resolved_by_id', 'id', WORKER],
    ],
    mainEvent: 'raised_at', person: 'person_id',
  }),
  defineEntity({
    name: 'early_help_episode', label: 'Early help episode', ssdFile: 'ssd_early_help_episodes', extFile: 'tl_early_help_episodes', key: 'earl_episode_id',
    ssd: [
      ['person_id', 'earl_person_id', 'id', P],
      ['start_date', 'earl_episode_start_date', 'date', { req: true }],
      ['end_date', 'earl_episode_end_date', 'date'],
      ['reason', 'earl_episode_reason', 'text'],
      ['end_reason', 'earl_episode_end_reason', 'text'],
      ['organisation', 'earl_episode_organisation', 'text'],
      ['worker_id', 'earl_episode_worker_id', 'id', WORKER],
    ],
    ext: [
      ['team_id', 'earl_team_id', 'id', TEAM],
      ['step_down_from_referral_id', 'earl_step_down_referral_id', 'id', { ...REFERRAL, label: 'Stepped down from referral' }],
      ['step_down_from_contact_id', 'earl_step_down_contact_id', 'id', { ref: 'contact', label: 'Stepped down from contact' }],
      ['step_down_requested_date', 'earl_step_down_requested_date', 'date', { label: 'Step-down requested' }],
      ['step_up_contact_id', 'earl_step_up_contact_id', 'id', { ref: 'contact', label: 'Stepped up as contact' }],
      ['step_up_requested_date', 'earl_step_up_requested_date', 'date', { label: 'Step-up requested' }],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),

  // --- Referral, assessment, child protection -----------------------------------------------------
  defineEntity({
    name: 'referral', label: 'Referral (CIN episode)', ssdFile: 'ssd_cin_episodes', key: 'cine_referral_id',
    ssd: [
      ['person_id', 'cine_person_id', 'id', P],
      ['referral_date', 'cine_referral_date', 'datetime', { req: true, label: 'Referral date' }],
      ['primary_need', 'cine_cin_primary_need_code', 'text', { codes: 'primaryNeed' }],
      ['source', 'cine_referral_source_code', 'text', { codes: 'referralSource' }],
      ['source_desc', 'cine_referral_source_desc', 'text', { label: 'Source (description)' }],
      ['outcome_json', 'cine_referral_outcome_json', 'json', { label: 'Outcome (as extracted)' }],
      ['nfa', 'cine_referral_nfa', 'flag', { label: 'No further action' }],
      ['close_reason', 'cine_close_reason', 'text', { codes: 'cinClosureReason' }],
      ['close_date', 'cine_close_date', 'date'],
      ['team_id', 'cine_referral_team', 'id', TEAM],
      ['worker_id', 'cine_referral_worker_id', 'id', WORKER],
    ],
    mainEvent: 'referral_date', person: 'person_id',
  }),
  defineEntity({
    name: 'strategy_discussion', label: 'Strategy discussion', extFile: 'tl_strategy_discussions', key: 'stra_strategy_id',
    ext: [
      ['person_id', 'stra_person_id', 'id', P],
      ['referral_id', 'stra_referral_id', 'id', REFERRAL],
      ['held_at', 'stra_date', 'datetime', { req: true, label: 'Held' }],
      ['chair_id', 'stra_chair_id', 'id', { ...WORKER, label: 'Chaired by' }],
      ['outcome', 'stra_outcome', 'text', { codes: 'strategyOutcome' }],
      ['decisions', 'stra_decisions', 'text'],
      ['medical_exam', 'stra_medical_exam', 'flag', { label: 'Medical examination needed' }],
      ['medical_exam_rationale', 'stra_medical_exam_rationale', 'text', { label: 'Why (medical examination)' }],
      ['minutes_recorded_at', 'stra_minutes_recorded_date', 'datetime', { label: 'Minutes recorded' }],
    ],
    mainEvent: 'held_at', person: 'person_id',
  }),
  defineEntity({
    name: 'strategy_agency', label: 'Agency at a strategy discussion', extFile: 'tl_strategy_agencies', key: 'stag_table_id',
    ext: [
      ['strategy_id', 'stag_strategy_id', 'id', { req: true, ref: 'strategy_discussion' }],
      ['agency', 'stag_agency', 'text', { req: true, codes: 'agency' }],
      ['invited', 'stag_invited', 'flag', { req: true }],
      ['attended', 'stag_attended', 'flag', { req: true }],
    ],
  }),
  defineEntity({
    name: 's47_enquiry', label: 'Section 47 enquiry', ssdFile: 'ssd_s47_enquiry', extFile: 'tl_s47_enquiry', key: 's47e_s47_enquiry_id',
    ssd: [
      ['referral_id', 's47e_referral_id', 'id', REFERRAL],
      ['person_id', 's47e_person_id', 'id', P],
      ['start_date', 's47e_s47_start_date', 'date', { req: true }],
      ['end_date', 's47e_s47_end_date', 'date'],
      ['nfa', 's47e_s47_nfa', 'flag', { label: 'No further action' }],
      ['outcome_json', 's47e_s47_outcome_json', 'json', { label: 'Outcome' }],
      ['worker_id', 's47e_s47_completed_by_worker_id', 'id', WORKER],
      ['team_id', 's47e_s47_completed_by_team', 'id', TEAM],
    ],
    ext: [
      ['strategy_id', 's47e_strategy_id', 'id', { ref: 'strategy_discussion', label: 'Started by strategy discussion' }],
      ['child_seen_date', 's47e_child_seen_date', 'date', { label: 'Child seen' }],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'icpc', label: 'Initial child protection conference', ssdFile: 'ssd_initial_cp_conference', key: 'icpc_icpc_id',
    ssd: [
      ['meeting_id', 'icpc_icpc_meeting_id', 'text'],
      ['s47_id', 'icpc_s47_enquiry_id', 'id', { ref: 's47_enquiry', label: 'Section 47 enquiry' }],
      ['person_id', 'icpc_person_id', 'id', P],
      ['cp_plan_id', 'icpc_cp_plan_id', 'id', { ref: 'cp_plan', label: 'CP plan' }],
      ['referral_id', 'icpc_referral_id', 'id', REFERRAL],
      ['transfer_in', 'icpc_icpc_transfer_in', 'flag'],
      ['target_date', 'icpc_icpc_target_date', 'date'],
      ['conference_date', 'icpc_icpc_date', 'date', { req: true }],
      ['outcome_cp', 'icpc_icpc_outcome_cp_flag', 'flag', { label: 'Child protection plan' }],
      ['outcome_json', 'icpc_icpc_outcome_json', 'json', { label: 'Outcome' }],
      ['team_id', 'icpc_icpc_team', 'id', TEAM],
      ['worker_id', 'icpc_icpc_worker_id', 'id', WORKER],
    ],
    mainEvent: 'conference_date', person: 'person_id',
  }),
  defineEntity({
    name: 'assessment', label: 'Single assessment', ssdFile: 'ssd_cin_assessments', extFile: 'tl_cin_assessments', key: 'cina_assessment_id',
    ssd: [
      ['person_id', 'cina_person_id', 'id', P],
      ['referral_id', 'cina_referral_id', 'id', REFERRAL],
      ['start_date', 'cina_assessment_start_date', 'date', { req: true }],
      ['child_seen', 'cina_assessment_child_seen', 'flag'],
      ['authorised_date', 'cina_assessment_auth_date', 'date', { label: 'Authorised (completed)' }],
      ['outcome_json', 'cina_assessment_outcome_json', 'json', { label: 'Outcome' }],
      ['outcome_nfa', 'cina_assessment_outcome_nfa', 'flag', { label: 'No further action' }],
      ['team_id', 'cina_assessment_team', 'id', TEAM],
      ['worker_id', 'cina_assessment_worker_id', 'id', WORKER],
    ],
    ext: [
      ['child_seen_date', 'cina_child_seen_date', 'date', { label: 'Child seen' }],
      ['pre_birth', 'cina_pre_birth', 'flag', { label: 'Pre-birth assessment' }],
      ['expected_dob', 'cina_expected_dob', 'date', { label: 'Expected date of birth' }],
      ['authorised_by_id', 'cina_auth_by_id', 'id', { ...WORKER, label: 'Authorised by' }],
      ['authorisation_rationale', 'cina_auth_rationale', 'text', { label: 'Manager’s rationale' }],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'assessment_factors', label: 'Assessment factors', ssdFile: 'ssd_assessment_factors', key: 'cinf_table_id',
    ssd: [
      ['assessment_id', 'cinf_assessment_id', 'id', { req: true, ref: 'assessment' }],
      ['factors_json', 'cinf_assessment_factors_json', 'json', { req: true, codes: 'assessmentFactor', label: 'Factors' }],
    ],
  }),

  // --- Plans, meetings, visits, oversight ---------------------------------------------------------
  defineEntity({
    name: 'cin_plan', label: 'Child in need plan', ssdFile: 'ssd_cin_plans', key: 'cinp_cin_plan_id',
    ssd: [
      ['referral_id', 'cinp_referral_id', 'id', REFERRAL],
      ['person_id', 'cinp_person_id', 'id', P],
      ['start_date', 'cinp_cin_plan_start_date', 'date', { req: true }],
      ['end_date', 'cinp_cin_plan_end_date', 'date'],
      ['team_id', 'cinp_cin_plan_team', 'id', TEAM],
      ['worker_id', 'cinp_cin_plan_worker_id', 'id', WORKER],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'cp_plan', label: 'Child protection plan', ssdFile: 'ssd_cp_plans', key: 'cppl_cp_plan_id',
    ssd: [
      ['referral_id', 'cppl_referral_id', 'id', REFERRAL],
      ['icpc_id', 'cppl_icpc_id', 'id', { ref: 'icpc', label: 'ICPC' }],
      ['person_id', 'cppl_person_id', 'id', P],
      ['start_date', 'cppl_cp_plan_start_date', 'date', { req: true }],
      ['end_date', 'cppl_cp_plan_end_date', 'date'],
      ['initial_category', 'cppl_cp_plan_initial_category', 'text', { codes: 'abuseCategory' }],
      ['ola', 'cppl_cp_plan_ola', 'flag', { label: 'Plan from another local authority' }],
      ['latest_category', 'cppl_cp_plan_latest_category', 'text', { codes: 'abuseCategory' }],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'cla_care_plan', label: 'Care plan (looked after)', ssdFile: 'ssd_cla_care_plan', extFile: 'tl_cla_care_plan', key: 'lacp_table_id',
    ssd: [
      ['person_id', 'lacp_person_id', 'id', P],
      ['start_date', 'lacp_cla_care_plan_start_date', 'date', { req: true }],
      ['end_date', 'lacp_cla_care_plan_end_date', 'date'],
      ['plan_json', 'lacp_cla_care_plan_json', 'json', { label: 'Care plan' }],
    ],
    ext: [['permanence_plan', 'lacp_permanence_plan', 'text', { codes: 'permanencePlan' }]],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'plan_action', label: 'Plan action', extFile: 'tl_plan_actions', key: 'plac_action_id',
    ext: [
      ['person_id', 'plac_person_id', 'id', P],
      ['plan_type', 'plac_plan_type', 'text', { req: true, codes: 'planType' }],
      ['plan_id', 'plac_plan_id', 'text', { req: true, label: 'Plan' }],
      ['action', 'plac_action', 'text', { req: true, label: 'What' }],
      ['responsible', 'plac_responsible', 'text', { req: true, label: 'Who' }],
      ['responsible_worker_id', 'plac_responsible_worker_id', 'id', { ...WORKER, label: 'Who (worker)' }],
      ['due_date', 'plac_due_date', 'date', { req: true, label: 'By when' }],
      ['status', 'plac_status', 'text', { req: true, codes: 'actionStatus' }],
      ['set_date', 'plac_set_date', 'date', { req: true, label: 'Agreed' }],
      ['completed_date', 'plac_completed_date', 'date'],
    ],
    mainEvent: 'set_date', person: 'person_id',
  }),
  defineEntity({
    name: 'cp_review', label: 'Child protection review conference', ssdFile: 'ssd_cp_reviews', key: 'cppr_cp_review_id',
    ssd: [
      ['person_id', 'cppr_person_id', 'id', P],
      ['cp_plan_id', 'cppr_cp_plan_id', 'id', { req: true, ref: 'cp_plan', label: 'CP plan' }],
      ['due_date', 'cppr_cp_review_due', 'date'],
      ['review_date', 'cppr_cp_review_date', 'date'],
      ['meeting_id', 'cppr_cp_review_meeting_id', 'text'],
      ['outcome_continue_cp', 'cppr_cp_review_outcome_continue_cp', 'flag', { label: 'Plan to continue' }],
      ['quorate', 'cppr_cp_review_quorate', 'text'],
      ['participation', 'cppr_cp_review_participation', 'text'],
    ],
    mainEvent: 'review_date', person: 'person_id',
  }),
  defineEntity({
    name: 'meeting', label: 'Meeting', extFile: 'tl_meetings', key: 'meet_meeting_id',
    ext: [
      ['person_id', 'meet_person_id', 'id', P],
      ['meeting_type', 'meet_type', 'text', { req: true, codes: 'meetingType' }],
      ['plan_id', 'meet_plan_id', 'text', { label: 'Plan' }],
      ['held_at', 'meet_date', 'datetime', { req: true, label: 'Held' }],
      ['chair_id', 'meet_chair_id', 'id', { ...WORKER, label: 'Chaired by' }],
      ['notes', 'meet_notes', 'text'],
    ],
    mainEvent: 'held_at', person: 'person_id',
  }),
  defineEntity({
    name: 'cin_visit', label: 'Child in need visit', ssdFile: 'ssd_cin_visits', extFile: 'tl_cin_visits', key: 'cinv_cin_visit_id',
    ssd: [
      ['person_id', 'cinv_person_id', 'id', P],
      ['visit_date', 'cinv_cin_visit_date', 'datetime', { req: true }],
      ['seen', 'cinv_cin_visit_seen', 'flag', { label: 'Child seen' }],
      ['seen_alone', 'cinv_cin_visit_seen_alone', 'flag', { label: 'Child seen alone' }],
      ['bedroom_seen', 'cinv_cin_visit_bedroom', 'flag', { label: 'Bedroom seen' }],
    ],
    ext: [
      ['worker_id', 'cinv_worker_id', 'id', WORKER],
      ['child_said', 'cinv_child_said', 'text', { label: 'What the child said' }],
    ],
    mainEvent: 'visit_date', person: 'person_id',
  }),
  defineEntity({
    name: 'cp_visit', label: 'Child protection visit', ssdFile: 'ssd_cp_visits', extFile: 'tl_cp_visits', key: 'cppv_cp_visit_id',
    ssd: [
      ['person_id', 'cppv_person_id', 'id', P],
      ['cp_plan_id', 'cppv_cp_plan_id', 'id', { ref: 'cp_plan', label: 'CP plan' }],
      ['visit_date', 'cppv_cp_visit_date', 'datetime', { req: true }],
      ['seen', 'cppv_cp_visit_seen', 'flag', { label: 'Child seen' }],
      ['seen_alone', 'cppv_cp_visit_seen_alone', 'flag', { label: 'Child seen alone' }],
      ['bedroom_seen', 'cppv_cp_visit_bedroom', 'flag', { label: 'Bedroom seen' }],
    ],
    ext: [
      ['worker_id', 'cppv_worker_id', 'id', WORKER],
      ['child_said', 'cppv_child_said', 'text', { label: 'What the child said' }],
    ],
    mainEvent: 'visit_date', person: 'person_id',
  }),
  defineEntity({
    name: 'supervision', label: 'Case supervision or management oversight', extFile: 'tl_supervisions', key: 'supe_supervision_id',
    ext: [
      ['person_id', 'supe_person_id', 'id', P],
      ['supervision_type', 'supe_type', 'text', { req: true, codes: 'supervisionType', label: 'Type' }],
      ['held_at', 'supe_date', 'datetime', { req: true, label: 'Held' }],
      ['worker_id', 'supe_worker_id', 'id', WORKER],
      ['supervisor_id', 'supe_supervisor_id', 'id', { ...WORKER, label: 'Manager' }],
      ['decision', 'supe_decision', 'text'],
      ['rationale', 'supe_rationale', 'text'],
    ],
    mainEvent: 'held_at', person: 'person_id',
  }),
  defineEntity({
    name: 'allocation', label: 'Allocation', ssdFile: 'ssd_involvements', extFile: 'tl_involvements', key: 'invo_involvements_id',
    ssd: [
      ['worker_id', 'invo_professional_id', 'id', { req: true, ...WORKER }],
      ['role_desc', 'invo_professional_role_id', 'text', { label: 'Role (as extracted)' }],
      ['team_id', 'invo_professional_team', 'id', TEAM],
      ['start_date', 'invo_involvement_start_date', 'date', { req: true }],
      ['end_date', 'invo_involvement_end_date', 'date'],
      ['worker_change_reason', 'invo_worker_change_reason', 'text'],
      ['person_id', 'invo_person_id', 'id', P],
      ['referral_id', 'invo_referral_id', 'id', REFERRAL],
    ],
    ext: [['role', 'invo_role', 'text', { codes: 'allocationRole' }]],
    mainEvent: 'start_date', person: 'person_id',
  }),

  // --- Looked after children and care leavers -----------------------------------------------------
  defineEntity({
    name: 'cla_episode', label: 'Looked-after episode', ssdFile: 'ssd_cla_episodes', key: 'clae_cla_episode_id',
    ssd: [
      ['person_id', 'clae_person_id', 'id', P],
      ['start_date', 'clae_cla_episode_start_date', 'date', { req: true }],
      ['start_reason', 'clae_cla_episode_start_reason', 'text', { codes: 'reasonNewEpisode', label: 'Reason for new episode' }],
      ['primary_need', 'clae_cla_primary_need_code', 'text', { codes: 'primaryNeed' }],
      ['ceased_date', 'clae_cla_episode_ceased_date', 'date'],
      ['ceased_reason', 'clae_cla_episode_ceased_reason', 'text', { codes: 'reasonEpisodeCeased', label: 'Reason episode ceased' }],
      ['cla_id', 'clae_cla_id', 'text', { label: 'Period of care' }],
      ['referral_id', 'clae_referral_id', 'id', REFERRAL],
      ['placement_id', 'clae_cla_placement_id', 'id', { ref: 'placement' }],
      ['entered_care_date', 'clae_entered_care_date', 'date'],
      ['last_iro_contact_date', 'clae_cla_last_iro_contact_date', 'date', { label: 'Last IRO contact' }],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'legal_status', label: 'Legal status', ssdFile: 'ssd_legal_status', key: 'lega_legal_status_id',
    ssd: [
      ['person_id', 'lega_person_id', 'id', P],
      ['legal_status', 'lega_legal_status', 'text', { req: true, codes: 'legalStatus' }],
      ['start_date', 'lega_legal_status_start_date', 'date', { req: true }],
      ['end_date', 'lega_legal_status_end_date', 'date'],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'placement', label: 'Placement', ssdFile: 'ssd_cla_placement', extFile: 'tl_cla_placement', key: 'clap_cla_placement_id',
    ssd: [
      ['start_date', 'clap_cla_placement_start_date', 'date', { req: true }],
      ['placement_type', 'clap_cla_placement_type', 'text', { req: true, codes: 'placementType', label: 'Type' }],
      ['urn', 'clap_cla_placement_urn', 'text', { label: 'Ofsted URN' }],
      ['distance', 'clap_cla_placement_distance', 'number', { label: 'Distance from home (miles)' }],
      ['cla_id', 'clap_cla_id', 'text', { req: true, ref: { entity: 'cla_episode', field: 'cla_id' }, label: 'Period of care' }],
      ['provider', 'clap_cla_placement_provider', 'text'],
      ['postcode', 'clap_cla_placement_postcode', 'text'],
      ['end_date', 'clap_cla_placement_end_date', 'date'],
      ['placement_change_reason', 'clap_cla_placement_change_reason', 'text'],
      ['person_id', 'clap_person_id', 'id', P],
    ],
    ext: [
      ['long_term', 'clap_long_term', 'flag', { label: 'Long-term (intended to last until 18)' }],
      ['provider_name', 'clap_provider_name', 'text'],
    ],
    mainEvent: 'start_date', person: 'person_id',
  }),
  defineEntity({
    name: 'cla_review', label: 'Looked-after review', ssdFile: 'ssd_cla_reviews', key: 'clar_cla_review_id',
    ssd: [
      ['cla_id', 'clar_cla_id', 'text', { req: true, ref: { entity: 'cla_episode', field: 'cla_id' }, label: 'Period of care' }],
      ['due_date', 'clar_cla_review_due_date', 'date'],
      ['review_date', 'clar_cla_review_date', 'date'],
      ['cancelled', 'clar_cla_review_cancelled', 'flag'],
      ['participation', 'clar_cla_review_participation', 'text'],
      ['person_id', 'clar_cla_person_id', 'id', P],
    ],
    mainEvent: 'review_date', person: 'person_id',
  }),
  defineEntity({
    name: 'cla_visit', label: 'Looked-after visit', ssdFile: 'ssd_cla_visits', extFile: 'tl_cla_visits', key: 'clav_cla_visit_id',
    ssd: [
      ['cla_id', 'clav_cla_id', 'text', { label: 'Period of care' }],
      ['person_id', 'clav_person_id', 'id', P],
      ['visit_date', 'clav_cla_visit_date', 'datetime', { req: true }],
      ['seen', 'clav_cla_visit_seen', 'flag', { label: 'Child seen' }],
      ['seen_alone', 'clav_cla_visit_seen_alone', 'flag', { label: 'Child seen alone' }],
    ],
    ext: [
      ['worker_id', 'clav_worker_id', 'id', WORKER],
      ['child_said', 'clav_child_said', 'text', { label: 'What the child said' }],
    ],
    mainEvent: 'visit_date', person: 'person_id',
  }),
  defineEntity({
    name: 'missing_episode', label: 'Missing episode', ssdFile: 'ssd_missing', extFile: 'tl_missing', key: 'miss_table_id',
    ssd: [
      ['person_id', 'miss_person_id', 'id', P],
      ['start_at', 'miss_missing_episode_start_date', 'datetime', { req: true, label: 'Went missing' }],
      ['missing_type', 'miss_missing_episode_type', 'text', { codes: 'missingType', label: 'Type' }],
      ['end_at', 'miss_missing_episode_end_date', 'datetime', { label: 'Returned' }],
      ['rhi_offered', 'miss_missing_rhi_offered', 'text', { codes: 'yesNo', label: 'Return interview offered' }],
      ['rhi_accepted', 'miss_missing_rhi_accepted', 'text', { codes: 'yesNo', label: 'Return interview accepted' }],
    ],
    ext: [
      ['rhi_offered_at', 'miss_rhi_offered_date', 'datetime', { label: 'Return interview offered on' }],
      ['rhi_accepted_at', 'miss_rhi_accepted_date', 'datetime', { label: 'Return interview accepted on' }],
      ['rhi_completed_at', 'miss_rhi_completed_date', 'datetime', { label: 'Return interview held' }],
    ],
    mainEvent: 'start_at', person: 'person_id',
  }),
  defineEntity({
    name: 'care_leaver', label: 'Care leaver status', ssdFile: 'ssd_care_leavers', extFile: 'tl_care_leavers', key: 'clea_table_id',
    ssd: [
      ['person_id', 'clea_person_id', 'id', P],
      ['eligibility', 'clea_care_leaver_eligibility', 'text'],
      ['in_touch', 'clea_care_leaver_in_touch', 'text', { codes: 'careLeaverInTouch' }],
      ['latest_contact_date', 'clea_care_leaver_latest_contact', 'date'],
      ['accommodation', 'clea_care_leaver_accommodation', 'text', { codes: 'careLeaverAccommodation' }],
      ['accommodation_suitable', 'clea_care_leaver_accom_suitable', 'text'],
      ['activity', 'clea_care_leaver_activity', 'text', { codes: 'careLeaverActivity' }],
      ['pathway_plan_review_date', 'clea_pathway_plan_review_date', 'date'],
      ['personal_adviser', 'clea_care_leaver_personal_advisor', 'text'],
      ['team_id', 'clea_care_leaver_allocated_team', 'id', TEAM],
      ['worker_id', 'clea_care_leaver_worker_id', 'id', WORKER],
    ],
    ext: [['status_date', 'clea_status_date', 'date', { req: true, label: 'Status as at' }]],
    mainEvent: 'status_date', person: 'person_id',
  }),
  defineEntity({
    name: 'permanence', label: 'Permanence and adoption', ssdFile: 'ssd_permanence', key: 'perm_table_id',
    ssd: [
      ['person_id', 'perm_person_id', 'id', P],
      ['cla_id', 'perm_cla_id', 'text', { label: 'Period of care' }],
      ['adm_decision_date', 'perm_adm_decision_date', 'date', { label: 'Decision that adoption is in the child’s best interests' }],
      ['ffa_cp_decision_date', 'perm_ffa_cp_decision_date', 'date', { label: 'Fostering for adoption decision' }],
      ['placement_order_date', 'perm_placement_order_date', 'date'],
      ['placed_for_adoption_date', 'perm_placed_for_adoption_date', 'date'],
      ['matched_date', 'perm_matched_date', 'date'],
      ['adopted_by_carer', 'perm_adopted_by_carer_flag', 'flag'],
      ['placed_ffa_cp_date', 'perm_placed_ffa_cp_date', 'date'],
      ['decision_reversed_date', 'perm_decision_reversed_date', 'date'],
      ['placed_foster_carer_date', 'perm_placed_foster_carer_date', 'date'],
      ['part_of_sibling_group', 'perm_part_of_sibling_group', 'flag'],
      ['siblings_placed_together', 'perm_siblings_placed_together', 'int'],
      ['siblings_placed_apart', 'perm_siblings_placed_apart', 'int'],
      ['provider_urn', 'perm_placement_provider_urn', 'text'],
      ['decision_reversed_reason', 'perm_decision_reversed_reason', 'text'],
      ['permanence_order_date', 'perm_permanence_order_date', 'date'],
      ['permanence_order_type', 'perm_permanence_order_type', 'text'],
      ['adoption_worker_id', 'perm_adoption_worker_id', 'id', WORKER],
      ['adopter_sex', 'perm_adopter_sex', 'text'],
      ['adopter_legal_status', 'perm_adopter_legal_status', 'text'],
      ['number_of_adopters', 'perm_number_of_adopters', 'int'],
    ],
    person: 'person_id',
  }),

  defineEntity({
    name: 'significant_event', label: 'Significant event', extFile: 'tl_significant_events', key: 'sign_event_id',
    ext: [
      ['person_id', 'sign_person_id', 'id', P],
      ['event_at', 'sign_event_date', 'datetime', { req: true, label: 'Happened' }],
      ['title', 'sign_title', 'text', { req: true }],
      ['description', 'sign_description', 'text', { req: true, label: 'What happened' }],
      ['source', 'sign_source', 'text', { req: true, label: 'Source (who told us, or where it is recorded)' }],
      ['worker_id', 'sign_worker_id', 'id', { ...WORKER, label: 'Recorded by' }],
    ],
    mainEvent: 'event_at', person: 'person_id',
  }),

  // --- Quality assurance and feedback -------------------------------------------------------------
  defineEntity({
    name: 'case_audit', label: 'Case-file audit', extFile: 'tl_case_audits', key: 'audi_audit_id',
    ext: [
      ['person_id', 'audi_person_id', 'id', P],
      ['auditor_id', 'audi_auditor_id', 'id', { req: true, ...WORKER, label: 'Auditor' }],
      ['team_id', 'audi_team_id', 'id', { ...TEAM, label: 'Team audited' }],
      ['service_area', 'audi_service_area', 'text', { codes: 'serviceArea' }],
      ['audit_date', 'audi_audit_date', 'date', { req: true, label: 'Completed' }],
      ['grade', 'audi_grade', 'text', { req: true, codes: 'auditGrade', label: 'Auditor’s grade' }],
      ['moderated_grade', 'audi_moderated_grade', 'text', { codes: 'auditGrade' }],
      ['moderation_date', 'audi_moderation_date', 'date'],
      ['moderator_id', 'audi_moderator_id', 'id', { ...WORKER, label: 'Moderator' }],
    ],
    mainEvent: 'audit_date', person: 'person_id',
  }),
  defineEntity({
    name: 'audit_action', label: 'Audit action', extFile: 'tl_audit_actions', key: 'auda_action_id',
    ext: [
      ['audit_id', 'auda_audit_id', 'id', { req: true, ref: 'case_audit' }],
      ['action', 'auda_action', 'text', { req: true, label: 'What' }],
      ['responsible_id', 'auda_responsible_id', 'id', { ...WORKER, label: 'Who' }],
      ['due_date', 'auda_due_date', 'date', { label: 'By when' }],
      ['status', 'auda_status', 'text', { req: true, codes: 'actionStatus' }],
      ['completed_date', 'auda_completed_date', 'date'],
    ],
  }),
  defineEntity({
    name: 'feedback', label: 'Complaint or compliment', extFile: 'tl_feedback', key: 'feed_feedback_id',
    ext: [
      ['person_id', 'feed_person_id', 'id', { ref: 'person' }],
      ['feedback_type', 'feed_type', 'text', { req: true, codes: 'feedbackType', label: 'Type' }],
      ['received_date', 'feed_received_date', 'date', { req: true, label: 'Received' }],
      ['responded_date', 'feed_responded_date', 'date', { label: 'Responded' }],
      ['service_area', 'feed_service_area', 'text', { codes: 'serviceArea' }],
      ['team_id', 'feed_team_id', 'id', TEAM],
      ['stage', 'feed_stage', 'int'],
      ['summary', 'feed_summary', 'text'],
    ],
    mainEvent: 'received_date', person: 'person_id',
  }),
];

export const entityByName: ReadonlyMap<string, Entity> = new Map(entities.map((e) => [e.name, e]));

export function getEntity(name: string): Entity {
  const e = entityByName.get(name);
  if (!e) throw new Error(`Unknown entity "${name}"`);
  return e;
}
