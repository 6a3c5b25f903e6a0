// @apollo/gateway, unless told otherwise, probes cloud metadata addresses and sends usage data
// to Apollo's reporting host. This machine (and most deployments) must not make such calls, so
// the variable is set before any module that loads the gateway runs. Import this module first.
// biome-ignore lint/style/noProcessEnv: the gateway reads this variable itself; no other way exists.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
