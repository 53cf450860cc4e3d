-- Every event names the contract message its payload is (the platform's one feed shape). The rows
-- written before keep their sequence numbers and JSON; this only names each one's type.
ALTER TABLE outbox_event ADD COLUMN payload_type text;
UPDATE outbox_event SET payload_type = 'chorus.commissions.v1.' || CASE type
    WHEN 'phase_model.updated' THEN 'PhaseModelUpdated'
    WHEN 'phase.moved' THEN 'PhaseMoved'
    WHEN 'scope_statement.updated' THEN 'ScopeStatementUpdated'
    WHEN 'ground_rules.updated' THEN 'GroundRulesUpdated'
    WHEN 'practical_decision.recorded' THEN 'PracticalDecisionWording'
    WHEN 'practical_decision.updated' THEN 'PracticalDecisionWording'
    WHEN 'session.created' THEN 'SessionFacts'
    WHEN 'session.updated' THEN 'SessionFacts'
    WHEN 'session.cancelled' THEN 'SessionCancelled'
    WHEN 'session.attendance_recorded' THEN 'AttendanceRecorded'
    WHEN 'session.invitation_sent' THEN 'InvitationSent'
    WHEN 'session.invitation_replied' THEN 'InvitationReplied'
    WHEN 'focus_issue.proposed' THEN 'FocusIssueProposed'
    WHEN 'focus_issue.decided' THEN 'FocusIssueDecided'
    WHEN 'experiment.planned' THEN 'ExperimentPlanned'
    WHEN 'experiment.moved' THEN 'ExperimentMoved'
    END;
-- An event of a type not listed above leaves NULL here, and the migration stops: no event is left untyped.
ALTER TABLE outbox_event ALTER COLUMN payload_type SET NOT NULL;
