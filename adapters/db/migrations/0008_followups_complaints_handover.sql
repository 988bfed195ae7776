-- Reserved for satisfaction follow-ups, complaints, shift handover (issue 6); its owner replaces this placeholder.
SELECT 1;
