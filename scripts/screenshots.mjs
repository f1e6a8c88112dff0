// The README's pictures, taken against the Demo league. Run it through
// scripts/screenshots, which provides Chromium, playwright-core and the
// frontend; see there for the options.
//
// 1. A throwaway Home Assistant: temp config dir, free port on 127.0.0.1, the
//    configuration scripts/develop writes (frontend, config, onboarding,
//    recorder, history, logbook), onboarding's location step pre-seeded as
//    done, custom_components/live_sports linked in.
// 2. An owner onboarded through the API; the Demo league added through the
//    config-flow API with four clubs, and a fifth through the team subentry
//    flow (as "Add team" on the integration page does).
// 3. With --card: the card's JS copied to <config>/www/ and registered as a
//    Lovelace resource (/local/...). A dashboard: the team-tracker card (or,
//    without --card, a tile) on a followed team, its calendar, an entities
//    card, and a second view with every followed team's card.
// 4. Waits until a followed team's game is well under way (the Demo league
//    kicks off a game every 75 s, ten-minute rounds), then Chromium, logged in
//    with the owner's tokens in localStorage: the team's device page, the
//    dashboard, the league's table on a Markdown card (standings.png), the
//    logbook filtered to the team, and the card in each state
//    the followed teams show while waiting (PRE, IN, POST, BYE, NOT_FOUND).
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DOMAIN = "live_sports";
const HOST = "127.0.0.1";
const VIEWPORT = { width: 1280, height: 800 };
const STARTUP_TIMEOUT_S = 180;
const MOMENT_TIMEOUT_S = 15 * 60;
const MIN_MINUTE = 30; // game minute of the focus team before the pictures
const FLOW_CLUBS = ["Arsenal", "Liverpool", "Chelsea", "Tottenham Hotspur"];
const SUBENTRY_CLUB = "Aston Villa";
const CARD_STATES = ["PRE", "IN", "POST", "BYE", "NOT_FOUND"];
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

class Failure extends Error {}
const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv) {
  const opts = { card: null, out: path.join(ROOT, "docs", "images"), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--card") opts.card = argv[++i];
    else if (arg === "--out") opts.out = argv[++i];
    else if (arg === "--keep") opts.keep = true;
    else if (arg === "-h" || arg === "--help") {
      console.log("usage: scripts/screenshots [--card PATH] [--out DIR] [--keep]");
      process.exit(0);
    } else throw new Failure(`unknown argument ${arg} (see --help)`);
  }
  if (opts.card !== null) {
    if (!opts.card || !fs.existsSync(opts.card)) throw new Failure(`--card: no file ${opts.card}`);
    opts.card = path.resolve(opts.card);
  }
  opts.out = path.resolve(opts.out);
  return opts;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function writeConfig(configDir, port, card) {
  fs.mkdirSync(path.join(configDir, "custom_components"), { recursive: true });
  fs.writeFileSync(
    path.join(configDir, "configuration.yaml"),
    `# Written by scripts/screenshots (a throwaway instance).
homeassistant:
  name: Home
  time_zone: Europe/London
  country: GB
  currency: GBP
  unit_system: metric
  latitude: 51.5
  longitude: -0.12
  elevation: 0
http:
  server_host: ${HOST}
  server_port: ${port}
frontend:
config:
onboarding:
recorder:
  purge_keep_days: 1
  commit_interval: 1
history:
logbook:
logger:
  default: warning
  logs:
    custom_components.${DOMAIN}: info
`,
  );
  fs.symlinkSync(
    path.join(ROOT, "custom_components", DOMAIN),
    path.join(configDir, "custom_components", DOMAIN),
  );
  // As scripts/develop: the location step (it needs the internet) is done.
  fs.mkdirSync(path.join(configDir, ".storage"));
  fs.writeFileSync(
    path.join(configDir, ".storage", "onboarding"),
    JSON.stringify({
      version: 4,
      minor_version: 1,
      key: "onboarding",
      data: { done: ["core_config", "analytics"] },
    }),
  );
  if (card) {
    fs.mkdirSync(path.join(configDir, "www"));
    fs.copyFileSync(card, path.join(configDir, "www", "ha-teamtracker-card.js"));
  }
}

class Hass {
  constructor(configDir, port) {
    this.configDir = configDir;
    this.base = `http://${HOST}:${port}`;
    this.clientId = `${this.base}/`;
    this.token = "";
    this.tokens = null;
    this.consoleLog = path.join(configDir, "console.log");
    this.process = null;
  }

  start() {
    const env = { ...process.env, PYTHONUNBUFFERED: "1" };
    const extra = process.env.LIVE_SPORTS_SHOTS_PYTHONPATH;
    if (extra) env.PYTHONPATH = [extra, env.PYTHONPATH].filter(Boolean).join(path.delimiter);
    const out = fs.openSync(this.consoleLog, "w");
    this.process = spawn(
      process.env.LIVE_SPORTS_SHOTS_PYTHON || path.join(ROOT, ".venv", "bin", "python"),
      ["-m", "homeassistant", "--config", this.configDir, "--skip-pip", "--log-no-color"],
      { stdio: ["ignore", out, out], env, cwd: this.configDir },
    );
    this.spawnError = null;
    this.process.on("error", (err) => {
      this.spawnError = err;
    });
    this.exited = new Promise((resolve) => this.process.on("close", (code) => resolve(code)));
  }

  async stop() {
    const proc = this.process;
    if (!proc || !proc.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill("SIGTERM");
    const stopped = await Promise.race([this.exited.then(() => true), sleep(30000)]);
    if (!stopped) {
      proc.kill("SIGKILL");
      await this.exited;
    }
    log(`Home Assistant stopped`);
  }

  logTail(lines = 60) {
    for (const file of [path.join(this.configDir, "home-assistant.log"), this.consoleLog]) {
      try {
        const text = fs.readFileSync(file, "utf8").trimEnd();
        if (text) return `--- tail of ${file} ---\n${text.split("\n").slice(-lines).join("\n")}`;
      } catch {}
    }
    return "--- no Home Assistant log ---";
  }

  async waitUntilUp() {
    const deadline = Date.now() + STARTUP_TIMEOUT_S * 1000;
    while (Date.now() < deadline) {
      if (this.spawnError) throw new Failure(`cannot start Home Assistant: ${this.spawnError.message}`);
      if (this.process.exitCode !== null) {
        throw new Failure(`Home Assistant exited with code ${this.process.exitCode}`);
      }
      try {
        const resp = await fetch(`${this.base}/api/onboarding`, { signal: AbortSignal.timeout(5000) });
        if (resp.ok) return;
      } catch {}
      await sleep(500);
    }
    throw new Failure(`Home Assistant did not answer within ${STARTUP_TIMEOUT_S} s`);
  }

  async request(method, urlPath, payload, expect = 200) {
    const headers = { "Content-Type": "application/json" };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    const resp = await fetch(`${this.base}${urlPath}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: AbortSignal.timeout(30000),
    });
    const text = await resp.text();
    if (resp.status !== expect) throw new Failure(`${method} ${urlPath}: ${resp.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  async onboard() {
    const created = await this.request("POST", "/api/onboarding/users", {
      client_id: this.clientId,
      name: "Demo Owner",
      username: "demo",
      password: "demo-password-not-secret",
      language: "en",
    });
    const resp = await fetch(`${this.base}/auth/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: created.auth_code,
        client_id: this.clientId,
      }),
    });
    this.tokens = await resp.json();
    if (!resp.ok) throw new Failure(`/auth/token: ${resp.status} ${JSON.stringify(this.tokens)}`);
    this.token = this.tokens.access_token;
    await this.request("POST", "/api/onboarding/integration", {
      client_id: this.clientId,
      redirect_uri: `${this.base}/?auth_callback=1`,
    });
  }

  async connect() {
    const ws = new WebSocket(`${this.base.replace("http", "ws")}/api/websocket`);
    this.ws = ws;
    this.wsId = 0;
    this.pending = new Map();
    await new Promise((resolve, reject) => {
      ws.onerror = () => reject(new Failure("websocket: cannot connect"));
      ws.onmessage = (message) => {
        const data = JSON.parse(message.data);
        if (data.type === "auth_required") {
          ws.send(JSON.stringify({ type: "auth", access_token: this.token }));
        } else if (data.type === "auth_ok") {
          resolve();
        } else if (data.type === "auth_invalid") {
          reject(new Failure(`websocket auth: ${data.message}`));
        } else if (data.type === "result" && this.pending.has(data.id)) {
          const { resolve: done, reject: fail, command } = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (data.success) done(data.result);
          else fail(new Failure(`websocket ${command.type}: ${JSON.stringify(data.error)}`));
        }
      };
    });
  }

  ws_call(command) {
    const id = ++this.wsId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, command });
      this.ws.send(JSON.stringify({ id, ...command }));
    });
  }

  async states() {
    const all = await this.request("GET", "/api/states");
    return Object.fromEntries(all.map((state) => [state.entity_id, state]));
  }
}

function optionValues(form, name) {
  const field = (form.data_schema || []).find((f) => f.name === name);
  if (!field) throw new Failure(`no field ${name} in ${JSON.stringify(form)}`);
  const options = field.selector?.select?.options ?? field.options ?? [];
  return options.map((o) => (typeof o === "object" && !Array.isArray(o) ? o : { value: o[0] ?? o, label: o[1] ?? o }));
}

async function addDemoLeague(hass) {
  let form = await hass.request("POST", "/api/config/config_entries/flow", {
    handler: DOMAIN,
    show_advanced_options: false,
  });
  const flow = `/api/config/config_entries/flow/${form.flow_id}`;
  form = await hass.request("POST", flow, { league: "demo" });
  if (form.step_id !== "teams") throw new Failure(`expected the teams step: ${JSON.stringify(form)}`);
  const clubs = optionValues(form, "teams");
  const pick = (name) => {
    const club = clubs.find((c) => c.label === name);
    if (!club) throw new Failure(`no club ${name} in the Demo league: ${JSON.stringify(clubs)}`);
    return club.value;
  };
  const created = await hass.request("POST", flow, { teams: FLOW_CLUBS.map(pick) });
  if (created.type !== "create_entry") throw new Failure(`flow: ${JSON.stringify(created)}`);
  const entryId = created.result.entry_id;
  // One more club through the team subentry flow, as the integration page's
  // "Add team" does.
  form = await hass.request("POST", "/api/config/config_entries/subentries/flow", {
    handler: [entryId, "team"],
  });
  const sub = await hass.request("POST", `/api/config/config_entries/subentries/flow/${form.flow_id}`, {
    team: pick(SUBENTRY_CLUB),
  });
  if (sub.type !== "create_entry") throw new Failure(`subentry flow: ${JSON.stringify(sub)}`);
  log(`Demo league added (entry ${entryId}): ${[...FLOW_CLUBS, SUBENTRY_CLUB].join(", ")}`);
  return entryId;
}

async function followedTeams(hass, entryId) {
  const names = [...FLOW_CLUBS, SUBENTRY_CLUB];
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline) {
    const entries = await hass.request("GET", `/api/config/config_entries/entry?domain=${DOMAIN}`);
    const loaded = entries.some((e) => e.entry_id === entryId && e.state === "loaded");
    const devices = await hass.ws_call({ type: "config/device_registry/list" });
    const entities = await hass.ws_call({ type: "config/entity_registry/list" });
    const states = await hass.states();
    const teams = names.map((name) => {
      const device = devices.find((d) => d.config_entries.includes(entryId) && d.name === name);
      const own = device ? entities.filter((e) => e.device_id === device.id) : [];
      const find = (domain, suffix) =>
        own.find((e) => e.entity_id.startsWith(`${domain}.`) && String(e.unique_id).endsWith(suffix))
          ?.entity_id;
      return {
        name,
        device: device?.id,
        entities: own.map((e) => e.entity_id),
        tracker: find("sensor", "_team_tracker"),
        calendar: find("calendar", "_games"),
        score: find("sensor", "_team_score"),
        opponentScore: find("sensor", "_opponent_score"),
        opponent: find("sensor", "_opponent"),
        status: find("sensor", "_game_status"),
        clock: find("sensor", "_clock"),
        start: find("sensor", "_game_start"),
        lastResult: find("sensor", "_last_result"),
        playing: find("binary_sensor", "_playing"),
        event: own.find((e) => e.entity_id.startsWith("event."))?.entity_id,
      };
    });
    if (loaded && teams.every((t) => t.tracker && t.calendar && states[t.tracker])) return teams;
    // Team tracker is disabled by default: enable it as a card user does (the
    // entry reloads about 30 s later).
    for (const team of teams) {
      const tracker = entities.find((e) => e.entity_id === team.tracker);
      if (tracker?.disabled_by) {
        await hass.ws_call({
          type: "config/entity_registry/update",
          entity_id: tracker.entity_id,
          disabled_by: null,
        });
        log(`enabled ${tracker.entity_id}`);
      }
    }
    await sleep(1000);
  }
  throw new Failure(`the Demo league's entities did not appear within 120 s`);
}

function entitiesCard(team, states) {
  const rows = [team.status, team.clock, team.score, team.opponent, team.opponentScore, team.playing];
  // "Game status" rather than "Liverpool Game status": the title names the team.
  const short = (entityId) => {
    const name = String(states[entityId]?.attributes?.friendly_name ?? "");
    return name.startsWith(`${team.name} `) ? name.slice(team.name.length + 1) : undefined;
  };
  return {
    type: "entities",
    title: team.name,
    entities: rows.filter(Boolean).map((entity) => ({ entity, name: short(entity) })),
    state_color: true,
  };
}

// The league's table on the standard Markdown card, as docs/standings.md shows it.
function standingsCard(states) {
  const entity = Object.keys(states).find(
    (id) => id.startsWith("sensor.") && Array.isArray(states[id].attributes?.table),
  );
  if (!entity) throw new Failure("no Standings sensor with a table");
  const row =
    "| {{ row.rank }} | {{ row.team }} | {{ row.played }} | {{ row.wins }} | {{ row.draws }} " +
    "| {{ row.losses }} | {{ row.difference | int }} | {{ row.points | int }} |";
  return {
    type: "markdown",
    title: states[entity].attributes.groups?.[0] ?? "Standings",
    content: [
      "| # | Team | P | W | D | L | GD | Pts |",
      "|---:|:---|---:|---:|---:|---:|---:|---:|",
      `{% for row in state_attr('${entity}', 'table') or [] -%}`,
      row,
      "{% endfor %}",
    ].join("\n"),
  };
}

function dashboardConfig(teams, focus, card, states) {
  const trackerCard = (team) =>
    card
      ? { type: "custom:teamtracker-card", entity: team.tracker }
      : { type: "tile", entity: team.tracker, name: `${team.name} (team tracker)` };
  return {
    title: "Live Sports",
    views: [
      {
        title: focus.name,
        path: "team",
        type: "sections",
        max_columns: 3,
        sections: [
          {
            type: "grid",
            cards: [
              { ...trackerCard(focus), grid_options: { columns: 12 } },
              { ...entitiesCard(focus, states), grid_options: { columns: 12 } },
            ],
          },
          {
            type: "grid",
            cards: [
              {
                type: "calendar",
                entities: [focus.calendar],
                initial_view: "listWeek",
                title: `${focus.name} games`,
                grid_options: { columns: 12 },
              },
            ],
          },
        ],
      },
      {
        title: "All teams",
        path: "teams",
        type: "masonry",
        cards: teams.map(trackerCard),
      },
      {
        title: "Table",
        path: "table",
        type: "masonry",
        cards: [standingsCard(states)],
      },
    ],
  };
}

// The moment for the pictures: a followed team's game live and well under way,
// while (if possible) another followed team shows POST. Meanwhile, note the
// card states seen, so each can be photographed.
async function waitForTheMoment(hass, teams, seen, since) {
  const deadline = Date.now() + MOMENT_TIMEOUT_S * 1000;
  let lastNote = "";
  while (Date.now() < deadline) {
    const states = await hass.states();
    const byState = {};
    for (const team of teams) {
      const state = states[team.tracker];
      if (!state) continue;
      (byState[state.state] ||= []).push(team);
      if (!seen.has(state.state)) {
        seen.add(state.state);
        log(`card state ${state.state} seen (${team.name})`);
      }
    }
    const minuteOf = (team) => {
      const clock = String(states[team.tracker]?.attributes?.clock ?? "");
      const match = clock.match(/half (\d+)'/i);
      return match ? Number(match[1]) : -1;
    };
    const keptUp = (team) => Date.parse(states[team.tracker]?.attributes?.date ?? "") >= since;
    const live = (byState.IN || []).filter(
      (t) => keptUp(t) && minuteOf(t) >= MIN_MINUTE && minuteOf(t) <= 85,
    );
    const note = teams.map((t) => `${t.name}=${states[t.tracker]?.state}(${states[t.tracker]?.attributes?.clock ?? ""})`).join(" ");
    if (note !== lastNote && Date.now() % 30000 < 2500) log(note);
    lastNote = note;
    if (live.length) {
      // Prefer a team with goals on the board for the picture.
      const goals = (t) => Number(states[t.score]?.state || 0) + Number(states[t.opponentScore]?.state || 0);
      live.sort((a, b) => goals(b) - goals(a));
      return live[0];
    }
    await sleep(2000);
  }
  throw new Failure(`no followed game reached minute ${MIN_MINUTE} within ${MOMENT_TIMEOUT_S} s`);
}

function optimise(file) {
  const run = (cmd, args) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
  run("pngquant", ["--force", "--skip-if-larger", "--quality=65-95", "--ext", ".png", file]);
  run("optipng", ["-quiet", "-o2", file]);
}

async function settle(page, ms = 1500) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await sleep(ms);
}

// Fails on what the frontend shows when something is broken.
async function checkNoErrorCards(page, what) {
  const errors = await page.locator("hui-error-card, hui-warning").count();
  if (errors) {
    const text = await page.locator("hui-error-card, hui-warning").first().innerText().catch(() => "");
    throw new Failure(`${what}: the dashboard shows an error card: ${text}`);
  }
}

async function shoot(page, file, opts) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (opts.locator) await opts.locator.screenshot({ path: file, animations: "disabled" });
  else await page.screenshot({ path: file, animations: "disabled" });
  optimise(file);
  log(`wrote ${path.relative(ROOT, file)} (${fs.statSync(file).size} bytes)`);
}

async function takePictures(hass, opts, teams, focus, seenStates) {
  const { chromium } = createRequire(import.meta.url)(
    path.join(ROOT, ".cache", "screenshots", "node_modules", "playwright-core"),
  );
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "live-sports-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.LIVE_SPORTS_SHOTS_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: "en-GB",
    timezoneId: "Europe/London",
    colorScheme: "light",
  });
  const pageErrors = [];
  try {
    const tokens = {
      ...hass.tokens,
      hassUrl: hass.base,
      clientId: hass.clientId,
      expires: Date.now() + hass.tokens.expires_in * 1000,
    };
    await context.addInitScript((value) => {
      window.localStorage.setItem("hassTokens", value);
    }, JSON.stringify(tokens));
    const page = context.pages()[0] || (await context.newPage());
    page.on("pageerror", (err) => pageErrors.push(String(err)));
    const out = (name) => path.join(opts.out, name);
    const open = async (urlPath, ready) => {
      await page.goto(`${hass.base}${urlPath}`, { waitUntil: "domcontentloaded" });
      await page.locator("home-assistant-main").waitFor({ timeout: 60000 });
      if (ready) await page.locator(ready).first().waitFor({ timeout: 30000 });
      await settle(page);
    };

    // The team's device page.
    await open(`/config/devices/device/${focus.device}`, "ha-device-entities-card");
    await shoot(page, out("device.png"), {});

    // The league's device: its diagnostic Active provider sensor.
    const leagueDevice = (await hass.ws_call({ type: "config/device_registry/list" })).find((d) =>
      d.identifiers.some(([domain, id]) => domain === DOMAIN && id.endsWith("_league")),
    );
    if (!leagueDevice) throw new Error("the league's device is missing");
    await open(`/config/devices/device/${leagueDevice.id}`, "ha-device-entities-card");
    await shoot(page, out("league-device.png"), {});

    // The dashboard.
    const cardTag = opts.card ? "teamtracker-card" : "hui-tile-card";
    await open("/live-sports/team", cardTag);
    await page.locator("ha-full-calendar, hui-calendar-card").first().waitFor({ timeout: 30000 });
    await settle(page, 2500);
    await checkNoErrorCards(page, "dashboard");
    await shoot(page, out("dashboard.png"), {});

    // The league's table on a Markdown card.
    await open("/live-sports/table", "hui-markdown-card");
    await page.locator("hui-markdown-card ha-markdown table, hui-markdown-card ha-markdown").first()
      .waitFor({ timeout: 30000 });
    await settle(page, 2500);
    await checkNoErrorCards(page, "table");
    await shoot(page, out("standings.png"), { locator: page.locator("hui-markdown-card").first() });

    // The logbook, filtered to the team's entities.
    const logbookEntities = [focus.tracker, focus.status, focus.score, focus.opponentScore, focus.playing, focus.event]
      .filter(Boolean)
      .join(",");
    await open(`/logbook?entity_id=${encodeURIComponent(logbookEntities)}`, "ha-logbook");
    await page.locator("ha-logbook-renderer .entry-container, ha-logbook .no-entries").first()
      .waitFor({ timeout: 30000 });
    await settle(page, 2000);
    await shoot(page, out("logbook.png"), {});

    // Adding a league by its ESPN path (offline here: ESPN cannot be reached,
    // which is the error the form shows).
    try {
      await open(`/config/integrations/integration/${DOMAIN}`, "ha-config-integration-page");
      await page.getByText(/^\s*Add (league|entry|hub)\s*$/i).first().click();
      const dialog = page.locator("dialog-data-entry-flow");
      await dialog.locator("ha-selector-select").first().waitFor({ timeout: 30000 });
      await settle(page, 1000);
      await dialog.locator("ha-selector-select ha-select, ha-selector-select ha-combo-box").first().click();
      await page.locator("ha-list-item, mwc-list-item, vaadin-combo-box-item").filter({ hasText: "by path" }).first().click();
      await dialog.getByText("Submit", { exact: true }).click();
      const pathField = dialog.locator("ha-selector-text input, ha-textfield input").first();
      await pathField.waitFor({ timeout: 30000 });
      await pathField.fill("australian-football/afl");
      await dialog.getByText("Submit", { exact: true }).click();
      await dialog.locator("ha-alert").first().waitFor({ timeout: 30000 });
      await settle(page, 1000);
      await shoot(page, out("flow-path.png"), {});
      await page.keyboard.press("Escape");
    } catch (err) {
      await shoot(page, out("flow-failed.png"), {});
      log(`the league-by-path flow picture failed: ${String(err).split("\n")[0]}`);
    }

    // The card in each state the followed teams show now (and, from the
    // states seen while waiting, which ones there were).
    const reached = [];
    if (opts.card) {
      const states = await hass.states();
      await open("/live-sports/teams", "teamtracker-card");
      await settle(page, 2500);
      await checkNoErrorCards(page, "card view");
      // Masonry columns reorder the cards: tag each with its entity.
      await page.evaluate(() => {
        const walk = (root) => {
          for (const el of root.querySelectorAll("*")) {
            if (el.localName === "teamtracker-card" && el._config) el.dataset.shotsEntity = el._config.entity;
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
      });
      for (const state of CARD_STATES) {
        const index = teams.findIndex((t) => states[t.tracker]?.state === state);
        if (index < 0) continue;
        const card = page.locator(`teamtracker-card[data-shots-entity="${teams[index].tracker}"]`);
        await card.scrollIntoViewIfNeeded();
        await shoot(page, out(`card-${state.toLowerCase().replace("_", "-")}.png`), { locator: card });
        reached.push(`${state} (${teams[index].name})`);
      }
    }
    return reached;
  } finally {
    if (pageErrors.length) log(`page errors: ${pageErrors.join(" | ")}`);
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), "live-sports-shots-"));
  const port = await freePort();
  writeConfig(configDir, port, opts.card);
  const hass = new Hass(configDir, port);
  const stop = async (signal) => {
    log(`${signal}: stopping Home Assistant`);
    await hass.stop();
    process.exit(130);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  let ok = false;
  try {
    log(`starting Home Assistant at ${hass.base} (config ${configDir})`);
    hass.start();
    await hass.waitUntilUp();
    await hass.onboard();
    await hass.connect();
    const since = Date.now();
    const entryId = await addDemoLeague(hass);
    const teams = await followedTeams(hass, entryId);
    if (opts.card) {
      await hass.ws_call({
        type: "lovelace/resources/create",
        res_type: "module",
        url: `/local/ha-teamtracker-card.js?v=${fs.statSync(opts.card).mtimeMs | 0}`,
      });
    }
    await hass.ws_call({
      type: "lovelace/dashboards/create",
      url_path: "live-sports",
      title: "Live Sports",
      icon: "mdi:soccer",
      show_in_sidebar: true,
      require_admin: false,
      mode: "storage",
    });
    const seen = new Set();
    log(
      `waiting for a followed game to kick off and reach minute ${MIN_MINUTE}` +
        " (a Demo game lasts five minutes, a round ten: this takes up to ten)",
    );
    const focus = await waitForTheMoment(hass, teams, seen, since);
    log(`focus: ${focus.name} (${focus.tracker})`);
    await hass.ws_call({
      type: "lovelace/config/save",
      url_path: "live-sports",
      config: dashboardConfig(teams, focus, opts.card, await hass.states()),
    });
    const reached = await takePictures(hass, opts, teams, focus, seen);
    log(`card states seen while waiting: ${[...seen].join(", ")}`);
    if (opts.card) log(`card pictures: ${reached.join(", ") || "none"}`);
    ok = true;
  } catch (err) {
    console.error(`error: ${err instanceof Failure ? err.message : err.stack || err}`);
    console.error(hass.logTail());
  } finally {
    hass.ws?.close();
    await hass.stop();
    if (ok && !opts.keep) fs.rmSync(configDir, { recursive: true, force: true });
    else log(`config dir kept: ${configDir}`);
  }
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(`error: ${err instanceof Failure ? err.message : err.stack || err}`);
  process.exit(1);
});
