// SPDX-License-Identifier: Apache-2.0
// Helpers of the announce / de-announce and xREM test cases: the representations an SCL sends
// when it announces its resources to the NSCL or keeps its management objects there, and the
// paths below the bench SCL's <scl> on the NSCL.
import { M2M_NS, XSI_NS, ensureRegistered, escapeXml, paths, xmlList as list } from "./mid.js";

/// An announced representation: kind is "applicationAnnc", "containerAnnc",
/// "locationContainerAnnc", "groupAnnc" or "accessRightAnnc"; fields { id, link, accessRightID,
/// searchStrings, expirationTime } in the schemas' order (link left out when null).
export function anncXml(kind, fields = {}) {
    const parts = [];
    if (fields.link !== null && fields.link !== undefined) {
        parts.push(`<m2m:link>${escapeXml(fields.link)}</m2m:link>`);
    }
    if (fields.accessRightID) {
        parts.push(`<m2m:accessRightID>${escapeXml(fields.accessRightID)}</m2m:accessRightID>`);
    }
    if (fields.searchStrings) {
        parts.push(list("searchStrings", "searchString", fields.searchStrings));
    }
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    // applicationAnnc.xsd has an unqualified id attribute; the others have m2m:id.
    const idName = kind === "applicationAnnc" ? "id" : "m2m:id";
    const id = fields.id !== undefined ? ` ${idName}="${escapeXml(fields.id)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:${kind} xmlns:m2m="${M2M_NS}"${id}>` +
        parts.join("") + `</m2m:${kind}>`;
}

/// Paths below the bench SCL's <scl> on the NSCL (PX_SCL_ID), and where its originals would be.
export function sclPaths(ctx) {
    const p = paths(ctx);
    const own = ctx.pixit("PX_SCL_POC");
    return {
        scl: p.scl,
        applications: `${p.scl}/applications`,
        containers: `${p.scl}/containers`,
        groups: `${p.scl}/groups`,
        accessRights: `${p.scl}/accessRights`,
        mgmtObjs: `${p.scl}/mgmtObjs`,
        attachedDevices: `${p.scl}/attachedDevices`,
        /// The URI of an original resource on the bench SCL, for a link.
        original: (rest) => `${own}/${rest}`,
    };
}

/// Announces the application PX_ANNC_APP_ID (or fields.id) of the bench SCL (a step that must
/// succeed; the SCL is registered first and an earlier announcement removed). Returns its path.
export function announceApplication(ctx, fields = {}) {
    ensureRegistered(ctx);
    const s = sclPaths(ctx);
    const id = fields.id || ctx.pixit("PX_ANNC_APP_ID");
    const path = `${s.applications}/${id}`;
    ctx.expectStatus(ctx.device.remove(path), ["STATUS_OK", "STATUS_NOT_FOUND"]);
    const rsp = ctx.device.create(s.applications, anncXml("applicationAnnc", Object.assign({
        id, link: s.original(`applications/${id}`), searchStrings: ["m2mbench-annc"],
    }, fields)));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return path;
}

/// Removes a resource if it is there (preamble or postamble step); nothing when no path is
/// known yet (a preamble that stopped before it made one).
export function ensureGone(ctx, path) {
    if (!path) {
        return null;
    }
    const rsp = ctx.device.remove(path);
    ctx.expectStatus(rsp, ["STATUS_OK", "STATUS_NOT_FOUND"]);
    return rsp;
}

/// A <mgmtObj> of an ETSI management object type: fields { id, type ("EtsiDeviceInfo"), moID,
/// description, elements: [[name, value], ...] (the type's own, in its schema's order) }.
export function mgmtObjXml(fields = {}) {
    const parts = [];
    if (fields.expirationTime) {
        parts.push(`<m2m:expirationTime>${escapeXml(fields.expirationTime)}</m2m:expirationTime>`);
    }
    if (fields.searchStrings) {
        parts.push(list("searchStrings", "searchString", fields.searchStrings));
    }
    if (fields.moID) {
        parts.push(`<m2m:moID>${escapeXml(fields.moID)}</m2m:moID>`);
    }
    if (fields.description) {
        parts.push(`<m2m:description>${escapeXml(fields.description)}</m2m:description>`);
    }
    if (fields.parametersCollection !== false) {
        parts.push("<m2m:parametersCollection/>");
    }
    for (const [name, value] of fields.elements || []) {
        parts.push(`<m2m:${name}>${escapeXml(value)}</m2m:${name}>`);
    }
    const type = fields.type ? ` xmlns:xsi="${XSI_NS}" xsi:type="m2m:${fields.type}"` : "";
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:mgmtObj xmlns:m2m="${M2M_NS}"${type}${id}>` +
        parts.join("") + "</m2m:mgmtObj>";
}

/// The etsiDeviceInfo management object the bench SCL keeps on the NSCL.
export function deviceInfoXml(ctx, model, id) {
    return mgmtObjXml({
        id: id || ctx.pixit("PX_MGMT_OBJ_ID"), type: "EtsiDeviceInfo", moID: "urn:oma:mo:oma-dm-devinfo:1.0",
        elements: [["deviceLabel", "bench device"], ["manufacturer", "M2M Bench"], ["model", model]],
    });
}

/// A <mgmtCmd>: fields { id, description, cmdType }.
export function mgmtCmdXml(fields = {}) {
    const parts = [];
    if (fields.description) {
        parts.push(`<m2m:description>${escapeXml(fields.description)}</m2m:description>`);
    }
    if (fields.cmdType) {
        parts.push(`<m2m:cmdType>${escapeXml(fields.cmdType)}</m2m:cmdType>`);
    }
    const id = fields.id !== undefined ? ` m2m:id="${escapeXml(fields.id)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:mgmtCmd xmlns:m2m="${M2M_NS}"${id}>` +
        parts.join("") + "</m2m:mgmtCmd>";
}

/// An <execInstance> as the node reports progress: fields { execStatus, results: [[name, value]] }.
export function execInstanceXml(fields = {}) {
    const parts = [];
    if (fields.execStatus) {
        parts.push(`<m2m:execStatus>${escapeXml(fields.execStatus)}</m2m:execStatus>`);
    }
    if (fields.results) {
        parts.push("<m2m:execResult>" + fields.results.map(([n, v]) =>
            `<execResultItem><name>${escapeXml(n)}</name><value>${escapeXml(v)}</value></execResultItem>`).join("") +
            "</m2m:execResult>");
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:execInstance xmlns:m2m="${M2M_NS}">` +
        parts.join("") + "</m2m:execInstance>";
}

/// An <attachedDevice>.
export function attachedDeviceXml(id) {
    const attr = id !== undefined ? ` m2m:id="${escapeXml(id)}"` : "";
    return `<?xml version="1.0" encoding="UTF-8"?>\n<m2m:attachedDevice xmlns:m2m="${M2M_NS}"${attr}/>`;
}

/// A fresh REBOOT <mgmtCmd> (PX_MGMT_CMD_ID) of the bench SCL; returns its path.
export function freshCommand(ctx) {
    ensureRegistered(ctx);
    const s = sclPaths(ctx);
    const path = `${s.mgmtObjs}/${ctx.pixit("PX_MGMT_CMD_ID")}`;
    ensureGone(ctx, path);
    const rsp = ctx.device.create(s.mgmtObjs,
        mgmtCmdXml({ id: ctx.pixit("PX_MGMT_CMD_ID"), description: "restart the node", cmdType: "REBOOT" }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return path;
}

/// Runs the command at `cmd` (an UPDATE of its execEnable); returns the path of the new
/// execInstance (a step that must succeed).
export function runCommand(ctx, cmd) {
    const rsp = ctx.device.update(`${cmd}/execEnable`, "");
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return String(rsp.location || "").replace(/^[a-z]+:\/\/[^/]*/, "");
}

/// A fresh etsiDeviceInfo management object of a host (the bench SCL's <scl> unless given).
export function freshDeviceInfo(ctx, model, host) {
    ensureRegistered(ctx);
    const base = host || sclPaths(ctx).scl;
    const path = `${base}/mgmtObjs/${ctx.pixit("PX_MGMT_OBJ_ID")}`;
    ensureGone(ctx, path);
    const rsp = ctx.device.create(`${base}/mgmtObjs`, deviceInfoXml(ctx, model));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    return path;
}
