//! ZXY's documented params and results ([Z-page]), spelled as the vendor spells
//! them. Fields the page shows only as `null` have no known type: they are `unknown` in
//! TypeScript.

use serde_json::Value;

use crate::wire;
use crate::wire::Id;

wire! {
    /// createTask (`POST /v1/task`): the create table.
    ZxyCreateTaskParams {
        /// A `caller_line_list[].value` whose `residue` covers `maximumcall`.
        caller_line_id: String,
        /// A `customer_service[].id` with `status` 1 and a non-null `caller_line_id`.
        customer_service_id?: Id,
        /// An `outbound_group[].id` (话术分组).
        destination_extension: Id,
        /// An `enum_disable_dial_timegroup[].uuid`.
        disable_dial_timegroup: String,
        /// Concurrency, at least 1 and at most the line's `residue`.
        maximumcall: i64,
        name: String,
        /// Always 0 (固定为0).
        random_assignment_number: i64,
        /// Deprecated; always 0 (有且只能为0), although the page's example shows 1.
        recycle_limit: i64,
        remark?: String,
        /// Dial timeout, at least 1 (the example: 60).
        _originate_timeout: i64,
        /// Seconds between calls, 0 or more (10 suggested for one line, 0 allowed with more).
        call_pause_second: i64,
        /// An `auto_recycle_rules[].id` whose `status` is true.
        auto_recycle_rule_id: Id,
    }
}

wire! {
    /// updateTask (`PUT /v1/task/{task_id}`): the task's `uuid` (in the path) and the create
    /// fields (参数同创建任务).
    ZxyUpdateTaskParams {
        task_id: String,
        #[serde(flatten)]
        task: ZxyCreateTaskParams,
    }
}

wire! {
    /// startTask, pauseTask, deleteTask: the task's `uuid`, sent in the path.
    ZxyTaskIdParams { task_id: String, }
}

wire! {
    /// One row of the import body (CHOICE, not documented: the look-alike's `data[]`).
    ZxyImportRow { phone: String, name?: String, }
}

wire! {
    /// importCustomers (`POST /v1/task/import_task_customer/{task_id}`). The body is not
    /// documented: waihu's choice is `{data: [...]}`; any other body passes as sent.
    ZxyImportCustomersParams { task_id: String, data?: Vec<ZxyImportRow>, }
}

wire! { ZxyNoParams {} }

wire! {
    ZxyDisableDialTimegroup { uuid: String, name: String, }
}

wire! {
    /// A line (`caller_line_list[]`).
    ZxyCallerLine {
        name: String,
        /// The id to use as `caller_line_id`.
        value: String,
        /// Remaining concurrency (剩余并发).
        residue: i64,
        /// Total concurrency (线路总并发).
        call_line: i64,
        available_at?: String,
        /// The caller number (主叫号码).
        call_number?: String,
    }
}

wire! {
    /// A redial rule (`auto_recycle_rules[]`).
    ZxyAutoRecycleRule { id: Id, name: String, remark?: String, status: bool, }
}

wire! {
    /// A customer-service group (`customer_service[]`, 客服组).
    ZxyCustomerService {
        id: Id,
        user_id?: String,
        name: String,
        created_at?: String,
        updated_at?: String,
        /// The transfer line; a group without one cannot be used.
        caller_line_id?: String,
        /// 1 = usable.
        status: i64,
    }
}

wire! {
    /// A script group (`outbound_group[]`, 话术分组), also the task's `group`.
    ZxyOutboundGroup {
        id: Id,
        name: String,
        user_id?: String,
        /// All script lines go through TTS when on.
        debug?: bool,
        deleted_at?: String,
        created_at?: String,
        updated_at?: String,
        link_word_group_id?: Id,
        tag_scene_id?: Id,
        default?: bool,
    }
}

wire! {
    /// `GET /v1/task/create`'s `meta`: what a task may use.
    ZxyCreateOptionsMeta {
        enum_disable_dial_timegroup: Vec<ZxyDisableDialTimegroup>,
        caller_line_list: Vec<ZxyCallerLine>,
        /// Deprecated (use redial rules); a string in the example.
        max_recycle_limit?: Id,
        auto_recycle_rules: Vec<ZxyAutoRecycleRule>,
        customer_service: Vec<ZxyCustomerService>,
        outbound_group: Vec<ZxyOutboundGroup>,
    }
}

wire! {
    /// The reply of getCreateOptions.
    ZxyCreateOptions { meta: ZxyCreateOptionsMeta, }
}

wire! {
    /// A task's progress (`progress_bar`).
    ZxyProgressBar { total: i64, progress: i64, percent: f64, }
}

wire! {
    /// The task's line, as the list reply embeds it (`caller_line`).
    ZxyCallerLineDetail {
        id: String,
        name: String,
        user_id?: String,
        #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
        description?: Value,
        deadline_at?: String,
        available_time?: i64,
        begin_at?: String,
        call_line?: i64,
        call_line_used?: i64,
        call_number_prefix?: String,
        is_call_number_enable?: i64,
        is_call_number_prefix_editable?: i64,
        dial_string?: String,
        dial_string_mode?: i64,
        #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
        db_public_id?: Value,
        #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
        db_private_id?: Value,
        node_ip?: String,
        node_status?: String,
        created_at?: String,
        updated_at?: String,
        feature?: i64,
    }
}

wire! {
    /// The task's redial rule, as the list reply embeds it (`auto_recycle_rule`).
    ZxyAutoRecycleRuleDetail {
        id: Id,
        user_id?: String,
        name: String,
        remark?: String,
        status: bool,
        created_at?: String,
        updated_at?: String,
        is_default?: bool,
    }
}

wire! {
    /// The task's no-dial time group, as the list reply embeds it (`disable_time_group`).
    ZxyDisableTimeGroupDetail {
        uuid: String,
        name: String,
        domain?: String,
        user_id?: String,
        created_at?: String,
        updated_at?: String,
    }
}

wire! {
    /// A task entity: the createTask reply, and the items of the listTasks reply (which
    /// adds the embedded line, rule and time group).
    ZxyTask {
        /// The task id (任务id), used as `task_id`.
        uuid: String,
        name: String,
        /// 1 running (开启), 0 paused (暂停).
        start: i64,
        start_str?: String,
        create_datetime?: String,
        alter_datetime?: String,
        maximumcall: i64,
        call_per_second?: i64,
        recycle_limit?: i64,
        random_assignment_number?: i64,
        disable_dial_timegroup?: String,
        destination_extension?: i64,
        destination_dialplan?: String,
        destination_context?: String,
        #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
        scheduling_policy_ratio?: Value,
        #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
        scheduling_queue?: Value,
        dial_format?: String,
        #[cfg_attr(target_arch = "wasm32", tsify(type = "unknown"))]
        domain?: Value,
        remark?: String,
        sort?: i64,
        originate_variables?: String,
        _originate_timeout?: i64,
        /// The caller number (主叫号码).
        _origination_caller_id_number?: String,
        user_id?: String,
        caller_line_id?: String,
        customer_service_id?: i64,
        auto_recycle_rule_id?: i64,
        call_notify_url?: String,
        call_notify_type?: i64,
        call_pause_second?: i64,
        group_str?: String,
        /// Deprecated in the list: the page points to a progress endpoint it does not list.
        progress_bar?: ZxyProgressBar,
        caller_line?: ZxyCallerLineDetail,
        auto_recycle_rule?: ZxyAutoRecycleRuleDetail,
        disable_time_group?: ZxyDisableTimeGroupDetail,
        group?: ZxyOutboundGroup,
    }
}

wire! {
    /// The listTasks reply.
    ZxyTaskList { data: Vec<ZxyTask>, }
}

crate::ts_operations! { ZxycallOperations, ZxycallCustomer = ZxyImportRow, {
    getCreateOptions: "ZxyNoParams" => "ZxyCreateOptions",
    createTask: "ZxyCreateTaskParams" => "ZxyTask",
    updateTask: "ZxyUpdateTaskParams" => "unknown",
    listTasks: "Record<string, unknown>" => "ZxyTaskList",
    deleteTask: "ZxyTaskIdParams" => "unknown",
    startTask: "ZxyTaskIdParams" => "unknown",
    pauseTask: "ZxyTaskIdParams" => "unknown",
    importCustomers: "ZxyImportCustomersParams" => "unknown",
} }
