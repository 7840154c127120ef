//! BYRobot's documented params and results, spelled as the vendor spells them.
//! Sources: [B-page], [B-ex] and README.md (whose [B-*]
//! keys name the vendor's newer docs). Integer enums are plain integers here; their allowed
//! values are listed on the field and checked by `rules`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::wire;
use crate::wire::{Id, IdList, Props};

wire! {
    /// One redial rule (`repeatCallRule[]`, README.md).
    ByrobotRepeatCallRule {
        /// 2 无法接通, 3 外呼失败, 5 关机, 6 占线, 7 停机, 9 主叫欠费, 10 呼损.
        phoneStatus: u32,
        /// 1–5.
        times: u32,
        /// Minutes, 0–120.
        interval: u32,
    }
}

wire! {
    /// The optional fields createTask and task/update share.
    ByrobotTaskOptions {
        /// `yyyy-MM-dd`; required when `taskType` is 1 (createTask).
        startDate?: String,
        /// `HH:mm`. The doc notes a 09:00–20:00 window (enforcement unverified).
        workingStartTime?: String,
        workingEndTime?: String,
        /// `HH:mm`, both or neither, inside the working window.
        breakStartTime?: String,
        breakEndTime?: String,
        /// 0 no hang-up SMS (default), 1 send.
        smsType?: u32,
        /// Intent levels that get the SMS, e.g. `A级(有明确意向)`.
        smsSendLevel?: Vec<String>,
        smsTemplateId?: Id,
        /// 多并发数.
        phoneNum?: u32,
        remark?: String,
        repeatCall?: bool,
        /// Required (non-empty) when `repeatCall` is true.
        repeatCallRule?: Vec<ByrobotRepeatCallRule>,
        defaultIntentionRule?: bool,
        openElasticity?: bool,
    }
}

wire! {
    /// task/createTask.
    ByrobotCreateTaskParams {
        companyId: Id,
        taskName: String,
        /// 1 定时 (scheduled), 2 手动 (manual).
        taskType: u32,
        /// Caller line ids (`userPhoneId` from company/getPhones), at least one.
        userPhoneIds: Vec<Id>,
        robotDefId: Id,
        /// Gone from the vendor's current table (README.md); still accepted here.
        sceneDefId?: Id,
        sceneRecordId?: Id,
        /// 0 手机号 (SIM), 1 固话, 2 无主叫: the line's `phoneType`.
        callType: u32,
        /// AI seats, at least 1 (default 1).
        concurrencyQuota?: u32,
        #[serde(flatten)]
        options: ByrobotTaskOptions,
    }
}

wire! {
    /// task/update: createTask's fields plus `taskId`, `concurrencyPhone`, `breakStartClose`.
    ByrobotUpdateTaskParams {
        companyId: Id,
        taskId: Id,
        taskName: String,
        taskType: u32,
        /// A list, one id (the doc's example sends `1`) or ids joined by `,` (the vendor's demo
        /// sends `"255"`); a list is sent joined (`"12,13"`).
        userPhoneIds: IdList,
        callType: u32,
        concurrencyQuota: u32,
        /// 专业版 and above: at most 100 and at most twice `concurrencyQuota`.
        concurrencyPhone?: u32,
        /// true removes the no-dial (break) window.
        breakStartClose?: bool,
        robotDefId?: Id,
        #[serde(flatten)]
        options: ByrobotTaskOptions,
    }
}

/// A number or its text: `duration` is `87` in phoneLogInfo but `"27秒"` in queryDoneTaskPhones.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(untagged)]
pub enum ByrobotNumOrText {
    Num(f64),
    Text(String),
}

wire! {
    /// task/start, task/pause, task/stop, task/delete (the delete doc types it as String).
    ByrobotTaskIdParams { taskId: Id, }
}

wire! {
    ByrobotCustomerInfo {
        name?: String,
        phone: String,
        /// Script variables and custom fields, `Map<String,String>` in the doc.
        properties?: Props,
    }
}

wire! {
    /// v2/task/importTaskCustomer: at most 10 000 rows a call.
    ByrobotImportCustomersParams { companyId: Id, taskId: Id, customerInfoList: Vec<ByrobotCustomerInfo>, }
}

wire! {
    /// task/getTasks.
    ByrobotListTasksParams {
        companyId: Id,
        taskName?: String,
        /// `yyyy-MM-dd`.
        createDate?: String,
        /// Task status 0–10 (README.md).
        status?: u32,
        /// true includes deleted tasks.
        needAll?: bool,
        pageNum?: u32,
        /// 1–100, default 10.
        pageSize?: u32,
    }
}

wire! { ByrobotGetTaskParams { companyId: Id, taskId: Id, } }
wire! { ByrobotGetCallParams { callInstanceId: Id, } }

wire! { ByrobotNameValue { name: String, value: String, } }

wire! {
    /// task/queryDoneTaskPhones.
    ByrobotListCallsParams {
        callJobId: Id,
        durationLeft?: u32,
        durationRight?: u32,
        chatRoundLeft?: u32,
        chatRoundRight?: u32,
        /// README.md: 0 已接听 … 11 黑名单, 22 线路盲区.
        finishStatus?: u32,
        resultQueryList?: Vec<ByrobotNameValue>,
        pageNum?: u32,
        /// 1–50.
        pageSize?: u32,
    }
}

wire! {
    /// task/notDialedCustomerList.
    ByrobotListPendingParams { taskId: Id, pageNum?: u32, pageSize?: u32, }
}

wire! { ByrobotSceneVariablesParams { companyId: Id, sceneDefId: Id, } }
wire! { ByrobotCompanyParams { companyId: Id, } }
wire! {
    ByrobotListRobotsParams {
        companyId: Id,
        /// 0 all (default), 1 online, 2 published.
        robotStatus?: u32,
    }
}
wire! {
    ByrobotListSmsTemplatesParams {
        companyId: Id,
        /// 1 审核中, 2 审核通过, 3 审核未通过; absent = all.
        status?: u32,
        pageNum: u32,
        pageSize: u32,
    }
}
wire! {
    /// callBack/queryUnCallBack.
    ByrobotListFailedCallbacksParams {
        companyId: Id,
        callJobId?: Id,
        /// 0 outbound, 1 inbound.
        dataType: u32,
        /// `yyyy-MM-dd`.
        startDate: String,
        endDate: String,
        pageNum?: u32,
        /// 1–500, default 100.
        pageSize?: u32,
    }
}
wire! { ByrobotNoParams {} }

/// Params of the blacklist endpoints, which README.md names but does not document: passed
/// through as given.
pub type ByrobotPassThroughParams = BTreeMap<String, Value>;

// ---- results ----

wire! {
    /// v2/task/importTaskCustomer's `data`.
    ByrobotImportResult { msg?: String, successNum: u64, repeatNum: u64, placeFailNum: u64, }
}


wire! {
    /// A task in getTasks/getTaskDetail.
    ByrobotTaskSummary {
        callJobId: Id,
        jobName: String,
        jobType: u32,
        startDate?: String,
        workingStartTime?: String,
        workingEndTime?: String,
        status: u32,
        sceneDefId?: Id,
        remark?: String,
        totalCount?: i64,
        doneCount?: i64,
    }
}

wire! {
    /// A call in queryDoneTaskPhones (`duration` is text like `27秒` there).
    ByrobotDoneCall {
        callInstanceId: Id,
        callJobId: Id,
        customerTelephone: String,
        customerName?: String,
        status: u32,
        finishStatus: u32,
        duration?: ByrobotNumOrText,
        chatRound?: u32,
        startTime?: String,
        endTime?: String,
        callerPhone?: String,
        luyinOssUrl?: String,
        resultList?: Vec<ByrobotNameValue>,
    }
}

wire! {
    /// getTasks's `data` (a PageHelper page).
    ByrobotTaskPage { pageNum: u32, pageSize: u32, total: u64, pages: u32, list: Vec<ByrobotTaskSummary>, }
}

wire! {
    /// queryDoneTaskPhones's `data` (a PageHelper page).
    ByrobotCallPage { pageNum: u32, pageSize: u32, total: u64, pages: u32, list: Vec<ByrobotDoneCall>, }
}

crate::ts_operations! { ByrobotOperations, ByrobotCustomer = ByrobotCustomerInfo, {
    createTask: "ByrobotCreateTaskParams" => "Id",
    updateTask: "ByrobotUpdateTaskParams" => "unknown",
    startTask: "ByrobotTaskIdParams" => "null",
    pauseTask: "ByrobotTaskIdParams" => "null",
    stopTask: "ByrobotTaskIdParams" => "null",
    deleteTask: "ByrobotTaskIdParams" => "unknown",
    importCustomers: "ByrobotImportCustomersParams" => "ByrobotImportResult",
    listPendingCustomers: "ByrobotListPendingParams" => "unknown",
    listTasks: "ByrobotListTasksParams" => "ByrobotTaskPage",
    getTask: "ByrobotGetTaskParams" => "ByrobotTaskSummary",
    getTaskVariables: "ByrobotSceneVariablesParams" => "unknown",
    listCalls: "ByrobotListCallsParams" => "ByrobotCallPage",
    getCall: "ByrobotGetCallParams" => "unknown",
    listFailedCallbacks: "ByrobotListFailedCallbacksParams" => "unknown",
    listCompanies: "ByrobotNoParams" => "unknown",
    listCallerLines: "ByrobotCompanyParams" => "unknown",
    listRobots: "ByrobotListRobotsParams" => "unknown",
    getSeatStats: "ByrobotCompanyParams" => "unknown",
    listSmsTemplates: "ByrobotListSmsTemplatesParams" => "unknown",
    addBlacklist: "Record<string, unknown>" => "unknown",
    addBlacklistBatch: "Record<string, unknown>" => "unknown",
    listBlacklist: "Record<string, unknown>" => "unknown",
    deleteBlacklistEntries: "Record<string, unknown>" => "unknown",
    listBlacklistGroups: "Record<string, unknown>" => "unknown",
    createBlacklistGroup: "Record<string, unknown>" => "unknown",
    updateBlacklistGroup: "Record<string, unknown>" => "unknown",
    deleteBlacklistGroup: "Record<string, unknown>" => "unknown",
} }
