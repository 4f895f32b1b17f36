<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Language</name>
    <message>
      <location filename="../../gdviz/ui/language.py" line="97" />
      <source>Show gdviz in {name} (from the next start)</source>
      <translation>以{name}显示 gdviz（下次启动时生效）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/language.py" line="117" />
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/language.py" line="114" />
      <source>gdviz will speak {name} from its next start.</source>
      <translation>gdviz 将在下次启动时使用{name}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/language.py" line="116" />
      <source>Restart now? Unsaved changes are asked about first.</source>
      <translation>现在重新启动吗？未保存的更改会先询问您。</translation>
    </message>
  </context>
</TS>
