/**
 * Texts of generic components in `web/ui/` (upload with progress, job progress, Excel import, downloads,
 * the virtual table, the stale-version panel). Hooked into `web/i18n` as the `uikit` namespace.
 */
export const zh = {
  upload: {
    choose: '选择文件',
    dragHint: '点击或将文件拖到此处上传',
    typesHint: '支持 PDF、图片、Word、Excel 等，单个文件不超过上传限制',
    failed: '上传失败：{{message}}',
    download: '下载',
  },
  job: {
    queued: '排队中…',
    running: '处理中…',
    done: '已完成',
    failed: '未完成',
    count: '{{done}} / {{total}} 行',
    lost: '无法获取任务进度',
  },
  excelImport: {
    template: '下载导入模板',
    templateHint:
      '请使用导入模板，或直接修改从本系统导出的文件后导入。整个文件先全部校验，有任何错误都不会写入数据。',
    choose: '选择 Excel 文件（.xlsx）',
    uploading: '正在上传…',
    validating: '正在校验并写入…',
    success: '导入完成',
    summary: '共 {{total}} 行：新建 {{created}} 条，更新 {{updated}} 条',
    enterprisesCreated: '新建投资方企业 {{count}} 家',
    errorsTitle: '发现 {{count}} 处错误，未写入任何数据',
    errorsHint: '请按下表逐行修改后重新导入；也可下载标注了错误的工作簿，在原文件上修改。',
    errorsTruncated: '下表列出前 {{shown}} 处错误，全部 {{count}} 处见错误工作簿。',
    downloadErrors: '下载标注错误的工作簿',
    again: '重新选择文件',
    failedTitle: '导入失败',
    row: '行',
    column: '列',
    header: '列名',
    message: '问题',
  },
  download: {
    failed: '下载失败',
  },
  table: {
    empty: '暂无数据',
  },
  stale: {
    title: '已被他人修改',
    desc: '您编辑期间，{{who}}于 {{at}} 保存了新的版本。您填写的内容仍在表单中，尚未保存。下表列出两个版本不同的字段。',
    descNoDiff: '您编辑期间，{{who}}于 {{at}} 保存了新的版本。您填写的内容仍在表单中，尚未保存。',
    someone: '其他用户',
    field: '字段',
    theirs: '最新版本',
    mine: '我的填写',
    keepMine: '保留我的填写，在最新版本上保存',
    reload: '放弃我的填写，载入最新版本',
    kept: '已切换到最新版本，您的填写保留在表单中，请核对后保存',
    reloaded: '已载入最新版本',
  },
};

export const en: typeof zh = {
  upload: {
    choose: 'Choose file',
    dragHint: 'Click or drop files here to upload',
    typesHint: 'PDF, images, Word, Excel and similar, within the upload size limit',
    failed: 'Upload failed: {{message}}',
    download: 'Download',
  },
  job: {
    queued: 'Queued…',
    running: 'Working…',
    done: 'Done',
    failed: 'Not completed',
    count: '{{done}} / {{total}} rows',
    lost: 'The job progress cannot be read',
  },
  excelImport: {
    template: 'Download the import template',
    templateHint:
      'Use the template, or edit a file exported from Magnet. The whole file is checked first: if any row is wrong, nothing is written.',
    choose: 'Choose an Excel file (.xlsx)',
    uploading: 'Uploading…',
    validating: 'Checking and writing…',
    success: 'Import complete',
    summary: '{{total}} rows: {{created}} created, {{updated}} updated',
    enterprisesCreated: '{{count}} investor enterprises created',
    errorsTitle: '{{count}} problems found; nothing was written',
    errorsHint:
      'Fix the rows below and import again, or download the workbook with the problems marked and fix it there.',
    errorsTruncated: 'The first {{shown}} of {{count}} problems are listed; the workbook has them all.',
    downloadErrors: 'Download the workbook with the problems marked',
    again: 'Choose another file',
    failedTitle: 'Import failed',
    row: 'Row',
    column: 'Column',
    header: 'Header',
    message: 'Problem',
  },
  download: {
    failed: 'Download failed',
  },
  table: {
    empty: 'No data',
  },
  stale: {
    title: 'Changed by someone else',
    desc: 'While you were editing, {{who}} saved a newer version at {{at}}. What you typed is still in the form, not saved. The fields that differ:',
    descNoDiff:
      'While you were editing, {{who}} saved a newer version at {{at}}. What you typed is still in the form, not saved.',
    someone: 'another user',
    field: 'Field',
    theirs: 'Newest version',
    mine: 'Your entry',
    keepMine: 'Keep my entries and save on the newest version',
    reload: 'Discard my entries and load the newest version',
    kept: 'Now on the newest version with your entries kept; check and save',
    reloaded: 'Newest version loaded',
  },
};
