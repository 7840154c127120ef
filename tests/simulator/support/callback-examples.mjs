// The vendors' example callback payloads, copied from the vendors' callback docs (src/vendors/*/README.md §7) (generated from
// the files by a script, not retyped). Tests compare the simulator's payloads with them by
// key sets and value types. Sources:
//  - TANYI_*: tanyi-callBack.md, the three "入参JSON实例" blocks;
//  - BYROBOT_CALL_INSTANCE: byrobot-newCallBack.json (the current shape);
//  - BYROBOT_JOB_INFO: byrobot-CallBack.md "任务状态回调" example, with the trailing comma after
//    "userName" removed (as printed it is not valid JSON).
// Itniotech prints no example; ITNIOTECH_PUSH_FIELDS lists the fields src/vendors/itniotech/README.md names.

export const TANYI_CALL_RECORD = {
  "dataType": "ROBOT_CALL_RECORD",
  "data": {
    "callRecordId": 119,
    "tenantId": 1,
    "robotCallJobId": 43,
    "dialogFlowId": 12,
    "calledPhoneNumber": "17751279857",
    "resultStatus": "ANSWERED",
    "intentLevel": "A",
    "customerConcern": [
      "价格"
    ],
    "fullAudioUrl": "https://ai-call-platform-daily.oss-cn-hangzhou.aliyuncs.com/DialogueRecording/TenantId1/CallJobId43/RHGKTLBG_TaskId_1305203/ai_user.wav",
    "customerAudioUrl": "https://ai-call-platform-daily.oss-cn-hangzhou.aliyuncs.com/DialogueRecording/TenantId1/CallJobId43/RHGKTLBG_TaskId_1305203/user.wav",
    "analysisBasis": "判断依据",
    "startTime": "2018-10-12 18:46:55",
    "endTime": "2018-10-12 18:47:42",
    "chatDuration": 37,
    "chatRound": 0,
    "attributes": [
      "有钱"
    ],
    "properties": {
      "生日": "2019年10月1日"
    },
    "callDetailList": [
      {
        "text": "喂，您好, （停顿2s），您好，想问下您位于江北纬七路隧道附近，均价17000的高端商业综合体，我可以给您介绍一下吗？",
        "type": "ROBOT",
        "callDetailId": 1
      },
      {
        "text": "嗯",
        "type": "PERSON",
        "callDetailId": 2
      }
    ]
  }
};

export const TANYI_JOB = {
  "dataType": "ROBOT_CALL_JOB",
  "data": {
    "robotCallJobId": 43,
    "tenantId": 1,
    "status": "COMPLETED"
  }
};

export const TANYI_SMS = {
  "dataType": "ROBOT_CALL_SMS",
  "data": {
    "tenantId": 916,
    "companyName": "ZX001",
    "customerPersonId": 7180758,
    "customerPersonName": "漂亮小姐姐",
    "phoneNumber": "18326042077",
    "callRecordId": 53780,
    "robotCallRobotId": 2454,
    "robotCallRobotName": "wokrtest04240009",
    "msgList": [
      {
        "smsTemplateId": 152,
        "text": "${姓名} 你好，很高兴认识你",
        "type": "NOTICE",
        "smsSignatureId": 109,
        "smsSignatureName": "一知智能T1",
        "smsTemplateName": "lalala",
        "msg": "【一知智能T1】漂亮小姐姐 你好，很高兴认识你",
        "varMap": {
          "姓名": "漂亮小姐姐",
          "联系电话": "18326042077"
        }
      }
    ]
  }
};

export const BYROBOT_CALL_INSTANCE = {
  "code": 200,
  "data": {
    "dataType": "CALL_INSTANCE_RESULT",
    "data": {
      "sceneInstance": {
        "callInstanceId": 1,
        "companyId": 1,
        "callUserId": 1,
        "callJobId": 1,
        "customerId": 1,
        "customerTelephone": "137xxxxxxxx",
        "customerName": "2989",
        "status": 2,
        "finishStatus": 0,
        "duration": 35,
        "chatRound": 3,
        "startTime": "2019-01-12 16:09:32",
        "endTime": "2019-01-12 16:10:11",
        "callerPhone": "测试线路",
        "luyinOssUrl": "https://byrobot-prod.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/11/xxx.wav",
        "userLuyinOssUrl": "https://byrobot-prod.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/11.wav",
        "properties": "{\"csStaffId\":12,\"csStaffMobile\":\"15957182700\",\"csStaffName\":\"123\",\"duration\":20,\"failReason\":\"失败了就是失败了\",\"finishTime\":1546506273268,\"seatGroupId\":1,\"seatGroupName\":\"测试失败\",\"startTime\":1546506263268,\"succTime\":1546506283268,\"success\":false,\"transferMobile\":false,\"useEavesdrop\":false}",
        "handlePerson": "测试线路",
        "callType": 1,
        "callIndex": 0,
        "readStatus": 0,
        "jobName": "GG0112-YX NEW1",
        "robotDefId": 180,
        "sceneDefId": 192,
        "sceneRecordId": 192,
        "corpName": "{\"calledTimes\":1,\"callerId\":887,\"host\":\"byrobot-prod27\",\"ip\":\"172.16.67.198\",\"useAsr\":\"pay\"}",
        "industry": "1540384412_151_1",
        "trackResult": "C级(很少)",
        "bugType": null,
        "hangUp": 1,
        "secondaryCallTime": "1970-01-01 09:00:00",
        "secondaryCallTimes": 0,
        "cost": 0,
        "callbacked": 0,
        "csStaffId": null,
        "gmtCreate": "2019-01-12 10:48:42",
        "gmtModified": "2019-01-12 10:48:42"
      },
      "taskResult": [
        {
          "sceneInstanceResultId": 1117274388,
          "companyId": 151,
          "callJobId": 362574,
          "sceneInstanceId": 1540384412,
          "resultName": "客户意向等级",
          "resultValue": "C级(很少)",
          "artificialResultValue": "C级(很少)",
          "artificialChanged": null,
          "resultDesc": "命中业务问题 <= 0次 并且 肯定次数 <= 0次",
          "extra": "{\"hitUserLevelConfigExtraId\":327809,\"hitUserLevelConfigId\":6}",
          "analyzeType": "DYNAMIC_ANALYZE_USER_LEVEL",
          "gmtCreate": null,
          "gmtModified": null,
          "resultValueAlias": "C",
          "resultLabels": null,
          "resultValueNew": "C级(明确拒绝)"
        },
        {
          "sceneInstanceResultId": 922147427,
          "companyId": 4880,
          "sceneInstanceId": 1223552173,
          "resultName": "客户标签",
          "resultValue": "[1]",
          "artificialResultValue": null,
          "artificialChanged": null,
          "resultDesc": null,
          "extra": null,
          "analyzeType": "DYNAMIC_ANALYZE_USER_LEVEL",
          "resultValueAlias": "",
          "resultLabels": [
            {
              "key": 200,
              "value": "无效用户"
            }
          ],
          "resultValueNew": "",
          "gmtCreate": "2018-12-14 18:03:00",
          "gmtModified": "2018-12-14 18:03:00"
        }
      ],
      "phoneLog": {
        "phoneLogs": [
          {
            "sceneInstanceLogId": 1156248612,
            "sceneInstanceId": 1540384412,
            "companyId": 151,
            "robotDefId": 180,
            "decisionId": 10638,
            "speaker": "AI",
            "content": "喂，您好，这里是用户测试电话",
            "userMean": "",
            "userMeanDetail": null,
            "aiUnknown": false,
            "answerStatus": null,
            "studyStatus": null,
            "startTime": 0,
            "endTime": 0,
            "gmtCreate": "2019-01-12 16:09:32",
            "gmtModified": "2019-01-12 16:09:32",
            "knowledgeBaseId": null,
            "correctionContent": null
          },
          {
            "sceneInstanceLogId": 1156249713,
            "sceneInstanceId": 1540384412,
            "companyId": 151,
            "robotDefId": 180,
            "decisionId": 10638,
            "speaker": "ME",
            "content": "有什么游戏呀？",
            "userMean": "游戏",
            "userMeanDetail": "[{\"score\":-1,\"answer\":\"游戏\",\"ask\":\"什么游戏\",\"knowledgeBaseId\":5061}]",
            "aiUnknown": false,
            "answerStatus": 1,
            "studyStatus": null,
            "startTime": 8350,
            "endTime": 10570,
            "gmtCreate": "2019-01-12 16:09:44",
            "gmtModified": "2019-01-12 16:09:44",
            "knowledgeBaseId": null,
            "correctionContent": null
          }
        ],
        "luyinOssUrl": "https://byrobot-prod.oss-cn-hangzhou.aliyuncs.com/RobotPhoneCommunicate/1540384412/20190112-161011_13733105333.wav"
      },
      "jobFinished": false,
      "sign": null,
      "dateTime": "Thu Oct 16 07:13:48 GMT 2014"
    }
  },
  "resultMsg": "成功",
  "errorStackTrace": null
};

export const BYROBOT_JOB_INFO = {
  "code": 200,
  "data": {
    "dataType": "JOB_INFO_RESULT",
    "data": {
      "callJobId": 535,
      "companyId": 243,
      "jobName": "测试-问题学习",
      "jobType": 2,
      "startDate": "2018-04-25",
      "endDate": "2018-04-25",
      "workingStartTime": "09:00:00",
      "workingEndTime": "20:00:00",
      "breakStartTime": null,
      "breakEndTime": null,
      "status": 2,
      "callType": 1,
      "robotDefId": 278,
      "sceneDefId": 283,
      "sceneRecordId": 280,
      "remark": "",
      "smsType": 0,
      "smsCondition": null,
      "smsTemplateId": null,
      "userId": 241,
      "userName": "步婉"
    }
  },
  "resultMsg": "执行成功",
  "errorStackTrace": null
};

/**
 * src/vendors/itniotech/README.md Callbacks, pushCallRecord: "Fields include callId, appId, robotCallJobId, dialogFlowId,
 * tenantPhoneNumberId, calledPhoneNumber, startTime/endTime (epoch seconds), resultStatus, hangupBy,
 * chatDuration, billingTime, pay, properties{}, intentLevelDetailName, tag ids/names, audio URLs,
 * callDetailList[{callDetailId, text, type, startOffset, endOffset (ms)}], callCount, redialTimes".
 * Names the README only paraphrases ("tag ids/names", "audio URLs") are the simulator's CHOICE and are
 * listed apart.
 */
export const ITNIOTECH_PUSH_FIELDS = ['callId', 'appId', 'robotCallJobId', 'dialogFlowId', 'tenantPhoneNumberId', 'calledPhoneNumber', 'startTime', 'endTime', 'resultStatus', 'hangupBy', 'chatDuration', 'billingTime', 'pay', 'properties', 'intentLevelDetailName', 'callDetailList', 'callCount', 'redialTimes'];
export const ITNIOTECH_PUSH_CHOICE_FIELDS = ['tagIds', 'tagNames', 'fullAudioUrl', 'customerAudioUrl'];
export const ITNIOTECH_DETAIL_FIELDS = ['callDetailId', 'text', 'type', 'startOffset', 'endOffset'];
