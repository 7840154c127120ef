//! BYRobot's unified table (format: `crate::mapping`): the task spec's fields as createTask's
//! and task/update's (README.md, "waihu's choices" 23–28), and where getTasks, getTaskDetail,
//! queryDoneTaskPhones and phoneLogInfo hold their fields. One AI seat (`concurrencyQuota`) is
//! one robot; one no-dial window; one redial rule per outcome, each with the same times and
//! interval.

use crate::mapping::Mapping;

use super::records::TABLES;

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
    items: "list",
    task: "id:i:callJobId name:i:jobName status:s:status rawStatus:r:status counts:c:totalCount/doneCount/calledCount createdAt:t:gmtCreate",
    call: "callId:i:callInstanceId|sceneInstance.callInstanceId taskId:i:callJobId|sceneInstance.callJobId \
        phone:i:customerTelephone|sceneInstance.customerTelephone outcome:o:finishStatus|sceneInstance.finishStatus \
        rawOutcome:r:finishStatus|sceneInstance.finishStatus intent:a:resultList.name=客户意向等级.value|taskResult.resultName=客户意向等级.resultValue \
        startedAt:t:startTime|sceneInstance.startTime durationSeconds:n:duration|sceneInstance.duration transcript:l:phoneLog.phoneLogs/content/speaker/AI \
        recordingUrl:i:luyinOssUrl|phoneLog.luyinOssUrl|sceneInstance.luyinOssUrl \
        properties:p:propertiesMap|properties|sceneInstance.propertiesMap|sceneInstance.properties",
    tables: TABLES,
};
