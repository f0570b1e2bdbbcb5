-- `log` now means the natural log by default (as in WeBWorK, STACK and PrairieLearn). A course
-- made before that read `log` as base 10 when its settings did not say otherwise: write that
-- down, so that no existing course changes how it reads answers or regrades its log.
UPDATE courses SET settings = settings || '{"logBase": 10}'::jsonb WHERE NOT settings ? 'logBase';
