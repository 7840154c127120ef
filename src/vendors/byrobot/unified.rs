//! BYRobot's unified table (format: `crate::mapping`): the task spec's fields as createTask's
//! and task/update's (README.md, "waihu's choices" 23–28), and where getTasks, getTaskDetail,
//! queryDoneTaskPhones and phoneLogInfo hold their fields. One AI seat (`concurrencyQuota`) is
//! one robot; one no-dial window; one redial rule per outcome, each with the same times and
//! interval.

use crate::mapping::Mapping;

use super::records::{CALL_OUTCOMES, TASK_STATUSES};

pub static MAPPING: Mapping = Mapping {
    fields: "\
        name taskName|jobName\n\
        script robotDefId\n\
        lines.* userPhoneIds.*|callPhones.*.userPhoneId\n\
        lineType callType mobile=0,landline=1,unfixed=2\n\
        robots concurrencyQuota\n\
        +concurrency phoneNum\n\
        ^concurrency concurrencyPhone\n\
        start.mode taskType|jobType auto=1,manual=2\n\
        start.at startDate D\n\
        end - !\n\
        hours.start workingStartTime T\n\
        hours.end workingEndTime T\n\
        breaks - #1\n\
        breaks.0.start breakStartTime T\n\
        breaks.0.end breakEndTime T\n\
        days - !\n\
        skipDates - !\n\
        redial.on.* repeatCallRule.*.phoneStatus unreachable=2,failed=3,poweredOff=5,busy=6,outOfService=7,callerLineError=9,dropped=10\n\
        redial.times repeatCallRule.*.times\n\
        redial.interval repeatCallRule.*.interval\n\
        redial repeatCall ?\n\
        note remark",
    ops: "\
        updateTask taskId\n\
        getTask taskId\n\
        listCalls callJobId\n\
        getCall callInstanceId",
    records: "\
        items list\n\
        call sceneInstance\n\
        task.id callJobId\n\
        task.name jobName\n\
        task.status status\n\
        task.total totalCount\n\
        task.called doneCount\n\
        task.answered calledCount\n\
        task.created gmtCreate\n\
        call.id callInstanceId\n\
        call.task callJobId\n\
        call.phone customerTelephone\n\
        call.outcome finishStatus\n\
        call.intent resultList.name=客户意向等级.value|taskResult.resultName=客户意向等级.resultValue\n\
        call.started startTime\n\
        call.duration duration\n\
        call.transcript phoneLog.phoneLogs\n\
        call.speaker speaker\n\
        call.ai AI\n\
        call.text content\n\
        call.recording luyinOssUrl|phoneLog.luyinOssUrl\n\
        call.properties propertiesMap|properties",
    statuses: TASK_STATUSES,
    outcomes: CALL_OUTCOMES,
};
