/**
 * The browser dashboard (docs/dashboard.md): {@link DashboardPages} serves its page and assets from the class
 * path at {@code /}, {@link DashboardApi} the JSON and event-stream endpoints under {@code /api/v1} the pages read
 * besides the rest of the API (who am I, live monitoring snapshots, alerts, registry health).
 */
package dev.modelregistry.server.dashboard;
