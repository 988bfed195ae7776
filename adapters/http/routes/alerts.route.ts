import express, { Router } from 'express';
import {
  alertFromZabbix,
  alertmanagerPayloadSchema,
  alertsFromAlertmanager,
  zabbixPayloadSchema,
  type ReceiveAlertsUseCase,
} from '../../../core/alerts/index.js';
import { validationFailed } from '../http-errors.js';
import { bearerAuth, onlyMethods, requireContentType } from '../middleware/index.js';
import { zodDetails } from './zod-details.js';

export interface AlertsRouteDeps {
  /** ALERT_TOKEN; null → the alert webhooks answer 503 API_DISABLED. */
  alertToken: string | null;
  receiveAlerts: ReceiveAlertsUseCase;
}

/**
 * Monitoring webhooks. Both need `Authorization: Bearer $ALERT_TOKEN` (Alertmanager:
 * `http_config.authorization.credentials`; Zabbix: the webhook media script adds the header),
 * compared in constant time; a token of its own, so a monitoring host never holds API_TOKEN.
 */
export function alertsRouter(deps: AlertsRouteDeps): Router {
  const router = Router();
  const json = [requireContentType(['application/json']), express.json({ limit: '1mb' })];
  router.use('/api/v1/alerts', bearerAuth(deps.alertToken));

  router
    .route('/api/v1/alerts/alertmanager')
    .post(...json, async (req, res) => {
      const body = alertmanagerPayloadSchema.safeParse(req.body);
      if (!body.success) throw validationFailed(zodDetails(body.error));
      const outcomes = await deps.receiveAlerts.execute(alertsFromAlertmanager(body.data), body.data);
      res.json({ alerts: outcomes });
    })
    .all(onlyMethods('POST'));

  router
    .route('/api/v1/alerts/zabbix')
    .post(...json, async (req, res) => {
      const body = zabbixPayloadSchema.safeParse(req.body);
      if (!body.success) throw validationFailed(zodDetails(body.error));
      const outcomes = await deps.receiveAlerts.execute([alertFromZabbix(body.data)], body.data);
      res.json({ alerts: outcomes });
    })
    .all(onlyMethods('POST'));
  return router;
}
