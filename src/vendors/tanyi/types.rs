//! Tanyi's documented params and results, spelled as the vendor spells them.

use crate::wire::{Id, IdList, Props};
use crate::{wire, wire_enum};

wire_enum! { TanyiMode { AUTO, MANUAL } }
wire_enum! { TanyiPhoneType { MOBILE, LANDLINE, UNFIXED_CALL, CALL_POLICY_GROUP } }
wire_enum! { TanyiWechatSendMethod { SENDTOALL, SENDTOONE, SENDTONONE } }
wire_enum! { TanyiIntentLevel { A, B, C, D, E, F } }
wire_enum! { TanyiRedialCondition { CALL_LOSS, NO_ANSWER, BUSY, REFUSED, POWER_OFF, OUT_OF_SERVICE, CAN_NOT_CONNECT, FROM_PHONE_ERROR, SYSTEM_ERROR } }
wire_enum! { TanyiJobStatus { NOT_STARTED, IN_PROCESS, COMPLETED, RUNNABLE, USER_PAUSE, SYSTEM_SUSPENDED, TERMINATE, IN_QUEUE, SYSTEM_HANG_UP, WAITING_FOR_REDIAL, ACCOUNT_DISABLE, MAINTAIN } }
wire_enum! { TanyiResultStatus { ANSWERED, NO_ANSWER, BUSY, POWER_OFF, OUT_OF_SERVICE, REFUSED, VACANT_NUMBER, CAN_NOT_CONNECT, FROM_PHONE_ERROR, SYSTEM_ERROR, CALL_LOSS, TRANSFER_ARTIFICIAL } }
wire_enum! { TanyiToBeCalledStatus { NOT_STARTED, IN_PROCESS, COMPLETED, RETRY, AUTO_RETRY, IN_CACHE } }
wire_enum! { TanyiBatchOperation { PAUSE, START } }

wire! {
    /// A daily window in which the task does not dial (`HH:mm`).
    TanyiInactiveTime { startTime: String, endTime: String, }
}

wire! {
    /// `robotCallJob` of job/create and job/modify.
    TanyiRobotCallJob {
        /// Required by job/modify only.
        robotCallJobId?: Id,
        name: String,
        mode: TanyiMode,
        /// Required when `mode` is AUTO: `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss`.
        startTime?: String,
        /// `HH:mm` (or `HH:mm:ss`), not before 09:00.
        dailyStartTime: String,
        /// `HH:mm` (or `HH:mm:ss`); the vendor documents 20:00 as the latest (a warning).
        dailyEndTime: String,
        /// At most three, inside the daily window.
        inactiveTimeList?: Vec<TanyiInactiveTime>,
        dialogFlowId: Id,
        csStaffGroupId?: Id,
        alertUsers?: Vec<Id>,
        earlyWarningAlertUsers?: Vec<Id>,
        phoneType: TanyiPhoneType,
        robotCount: u32,
        smsAlertLevel?: Vec<TanyiIntentLevel>,
        smsTemplateId?: Id,
        wechatAlertLevel?: Vec<TanyiIntentLevel>,
        wechatSendMethod?: TanyiWechatSendMethod,
        description?: String,
        tenantId?: Id,
        /// Level codes ≥ 0, as numbers or digit strings (the vendor's demo sends `["0","1"]`).
        wechatAlertLevelCode?: Vec<Id>,
        smsAlertLevelCode?: Vec<Id>,
        wechatConditionAlertLevelCode?: Vec<Id>,
        /// Auto-redial: give all three or none.
        redialCondition?: Vec<TanyiRedialCondition>,
        /// Minutes, 6–1440.
        redialInterval?: u32,
        /// 1–10.
        redialTimes?: u32,
    }
}

wire! {
    /// job/create and job/modify.
    TanyiCreateTaskParams {
        /// Required unless `phoneType` is MOBILE.
        concurrencyQuota?: u32,
        jobPhoneNumberIdList: Vec<Id>,
        transferPhoneNumber?: Vec<String>,
        robotCallJob: TanyiRobotCallJob,
    }
}

wire! { TanyiJobIdParams { robotCallJobId: Id, } }
wire! { TanyiSetConcurrencyParams { robotCallJobId: Id, robotCount: u32, } }

wire! {
    TanyiCustomerPerson {
        name?: String,
        phoneNumber: String,
        properties?: Props,
    }
}

wire! {
    /// job/importCustomer: at most 100 customers a call.
    TanyiImportCustomersParams { robotCallJobId: Id, customerPersons: Vec<TanyiCustomerPerson>, }
}

wire! { TanyiListTasksParams { name?: String, status?: TanyiJobStatus, pageNum?: u32, pageSize?: u32, } }

wire! {
    TanyiListCallsParams {
        robotCallJobId: Id,
        resultStatuses?: Vec<TanyiResultStatus>,
        intentLevels?: Vec<TanyiIntentLevel>,
        calledPhoneNumber?: String,
        lastCallRecord?: bool,
        pageNum?: u32,
        pageSize?: u32,
    }
}

wire! { TanyiGetCallParams { callRecordId: Id, } }

wire! {
    TanyiListPendingParams {
        robotCallJobId: Id,
        calledPhoneNumber?: String,
        taskStatus?: TanyiToBeCalledStatus,
        pageNum?: u32,
        pageSize?: u32,
    }
}

wire! { TanyiDeletePendingParams { robotCallTaskId: Id, } }

wire! {
    TanyiDeleteCustomersParams {
        robotCallJobId: Id,
        /// A list, or the ids joined by `,` as documented (`"3033729,3033719"`).
        robotCallTaskIds?: IdList,
        calledPhoneNumber?: String,
        taskStatus?: TanyiToBeCalledStatus,
    }
}

wire! { TanyiScriptParams { dialogFlowId: Id, } }
wire! {
    /// executeJobs: the tasks as checkAll's `data.executable` lists them.
    TanyiBatchTaskActionParams { operation: TanyiBatchOperation, executable: Vec<TanyiExecutableJob>, }
}

wire! {
    /// One task of checkAll's `executable`, sent back as checkAll gave it (every field 否).
    TanyiExecutableJob {
        robotCallJobId?: Id,
        robotCallJobName?: String,
        createTime?: String,
        createUserName?: String,
        status?: String,
        hangUpType?: String,
        hangUpReason?: String,
        statsInfo?: TanyiJobStatsInfo,
    }
}

wire! {
    TanyiJobStatsInfo { robotCallJobId?: Id, completedTask?: i64, totalTask?: i64, answeredTask?: i64, ablevelCustomer?: i64, }
}

wire! {
    /// checkAll.
    TanyiCheckAllParams {
        operation: TanyiBatchOperation,
        robotCallJobIdSet: Vec<Id>,
        statusSet?: Vec<TanyiJobStatus>,
        name?: String,
        /// `yyyy-MM-dd`.
        beginCreateDate?: String,
        endCreateDate?: String,
    }
}

wire! {
    /// getJobStatsInfoList as an object (its table's name for the list); a bare `Id[]`, as its
    /// example shows, is accepted too.
    TanyiJobStatsParams { robotCallJobId: Vec<Id>, }
}
wire! { TanyiNoParams {} }

wire! {
    /// job/create's `data`.
    TanyiCreateTaskResult { robotCallJobId: Id, }
}

wire! {
    TanyiJobSummary {
        robotCallJobId: Id,
        name: String,
        status: String,
        completedTask?: i64,
        taskCallTotal?: i64,
        createTime?: String,
    }
}

wire! {
    /// job/getJobs's `data`: Tanyi pages as `number/pageSize/totalElements/pages/content`.
    TanyiJobPage { number: u32, pageSize: u32, totalElements: u64, pages: u32, content: Vec<TanyiJobSummary>, }
}

crate::ts_operations! { TanyiOperations, TanyiCustomer = TanyiCustomerPerson, {
    createTask: "TanyiCreateTaskParams" => "TanyiCreateTaskResult",
    updateTask: "TanyiCreateTaskParams" => "TanyiCreateTaskResult",
    startTask: "TanyiJobIdParams" => "null",
    pauseTask: "TanyiJobIdParams" => "null",
    stopTask: "TanyiJobIdParams" => "null",
    deleteTask: "TanyiJobIdParams" => "null",
    setConcurrency: "TanyiSetConcurrencyParams" => "null",
    batchTaskAction: "TanyiBatchTaskActionParams" => "unknown",
    importCustomers: "TanyiImportCustomersParams" => "null",
    deleteCustomers: "TanyiDeleteCustomersParams" => "unknown",
    deletePendingCustomer: "TanyiDeletePendingParams" => "unknown",
    requeueCustomers: "Record<string, unknown>" => "unknown",
    listPendingCustomers: "TanyiListPendingParams" => "unknown",
    listTasks: "TanyiListTasksParams" => "TanyiJobPage",
    getTask: "TanyiJobIdParams" => "unknown",
    getTaskStats: "TanyiJobIdParams" => "unknown",
    listTaskStats: "Id[] | TanyiJobStatsParams" => "unknown",
    checkAllTasks: "TanyiCheckAllParams" => "unknown",
    getTaskVariables: "TanyiJobIdParams" => "unknown",
    listCalls: "TanyiListCallsParams" => "unknown",
    getCall: "TanyiGetCallParams" => "unknown",
    getAccount: "TanyiNoParams" => "unknown",
    listCallerLines: "TanyiNoParams" => "unknown",
    listScripts: "TanyiNoParams" => "unknown",
    getScriptInfo: "TanyiScriptParams" => "unknown",
    listPolicyGroups: "TanyiNoParams" => "unknown",
    listPolicyGroupNames: "TanyiNoParams" => "unknown",
} }
