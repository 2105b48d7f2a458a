// SPDX-License-Identifier: Apache-2.0
import { applicationXml, TS102690 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_010",
    title: "Application registration over the secured binding, with Kma derived for its App-ID",
    purpose: "TP_NSCL_CONN_010",
    objective: "Check that the NSCL registers an <application> over HTTP over TLS-PSK (STATUS_CREATED, " +
        "valid <application>), and that the application key Kma = m2m_kdf(Kmc, App-ID) is derived " +
        "for it, the derivation tree Kmr -> Kmc -> Kma in the trace.",
    references: [
        { document: TS102690, clause: "8.2.2" },
        { document: TS102690, clause: "9.3.2.8" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTPS_PSK && PICS_NSCL_APPLICATION_REGISTRATION",
    pixit: ["PX_APP_ID", "PX_NSCL_BASE"],
};

function appPath(ctx) {
    return `${ctx.pixit("PX_NSCL_BASE")}/applications/${ctx.pixit("PX_APP_ID")}`;
}

export function preamble(ctx) {
    const rsp = ctx.device.remove(appPath(ctx), { binding: "https-psk" });
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
}

export function body(ctx) {
    const appId = ctx.pixit("PX_APP_ID");
    const rsp = ctx.device.create(`${ctx.pixit("PX_NSCL_BASE")}/applications`, applicationXml(appId),
        { binding: "https-psk" });
    ctx.expectStatus(rsp, "STATUS_CREATED");
    ctx.expectValid(rsp, "application");
    const kma = ctx.connection.deriveKma(appId);
    ctx.expectTrue(kma.ok, `Kma derived for ${appId} (${kma.detail || kma.recordId})`);
    const records = ctx.connection.keyRecords();
    const byId = {};
    records.forEach((r) => { byId[r.id] = r; });
    const k = byId[kma.recordId];
    const kmc = k && byId[k.parents[0]];
    const kmr = kmc && byId[kmc.parents[0]];
    ctx.expectTrue(k && kmc && kmr && kmc.name === "Kmc" && kmr.name === "Kmr",
        "the derivation tree Kmr -> Kmc -> Kma is recorded");
}

export function postamble(ctx) {
    ctx.device.remove(appPath(ctx), { binding: "https-psk" });
}
