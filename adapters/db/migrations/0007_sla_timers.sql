-- Reserved for SLA timers (issue 6); its owner replaces this placeholder.
SELECT 1;
