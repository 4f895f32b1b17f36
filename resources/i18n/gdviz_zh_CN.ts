<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>Actions</name>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="30" />
      <source>Whole Window…</source>
      <translation>整个窗口…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="31" />
      <source>Save a picture of the whole window as PNG or SVG</source>
      <translation>将整个窗口保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="32" />
      <source>Computational Graph…</source>
      <translation>计算图…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="33" />
      <source>Save a picture of the computational graph as PNG or SVG</source>
      <translation>将计算图保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="34" />
      <source>Training Views…</source>
      <translation>训练视图…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="35" />
      <source>Save a picture of the training views as PNG or SVG</source>
      <translation>将训练视图保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="36" />
      <source>Controls…</source>
      <translation>控制面板…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="37" />
      <source>Save a picture of the controls as PNG or SVG</source>
      <translation>将控制面板保存为 PNG 或 SVG 图片</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="43" />
      <source>Light</source>
      <translation>浅色</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="43" />
      <source>Use the light theme</source>
      <translation>使用浅色主题</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="44" />
      <source>Dark</source>
      <translation>深色</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="44" />
      <source>Use the dark theme</source>
      <translation>使用深色主题</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="45" />
      <source>Follow the System</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="46" />
      <source>Light or dark as the desktop is</source>
      <translation>跟随桌面设置，使用浅色或深色</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="76" />
      <source>{tip} ({key})</source>
      <translation>{tip}（{key}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="92" />
      <source>&amp;Open…</source>
      <translation>打开(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="93" />
      <source>Open a session (.gdviz) or a dataset (.csv, .json)</source>
      <translation>打开会话（.gdviz）或数据集（.csv、.json）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="95" />
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="96" />
      <source>Save the session: points, settings, weights and curves</source>
      <translation>保存会话：数据点、设置、权重和曲线</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="98" />
      <source>Save &amp;As…</source>
      <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="98" />
      <source>Save the session under another name</source>
      <translation>以另一个名称保存会话</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="100" />
      <source>Save &amp;Dataset…</source>
      <translation>保存数据集(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="101" />
      <source>Save just the points, as CSV or JSON</source>
      <translation>只保存数据点，格式为 CSV 或 JSON</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="102" />
      <source>Open the &amp;Tutorial Scenario</source>
      <translation>打开教程场景(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="103" />
      <source>Back to the tutorial's perceptron and points</source>
      <translation>回到教程中的感知机和数据点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="104" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="104" />
      <source>Quit gdviz</source>
      <translation>退出 gdviz</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="105" />
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="105" />
      <source>Undo the last change to the points or settings</source>
      <translation>撤销对数据点或设置的上一次更改</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="107" />
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="107" />
      <source>Redo what was undone</source>
      <translation>重做已撤销的更改</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="109" />
      <source>Play training</source>
      <translation>开始训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="110" />
      <source>Train continuously (gradient descent); press again to pause</source>
      <translation>持续训练（梯度下降）；再按一次暂停</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="112" />
      <source>Step training</source>
      <translation>单步训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="112" />
      <source>Take one gradient-descent step</source>
      <translation>执行一步梯度下降</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="114" />
      <source>Slower</source>
      <translation>减速</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="114" />
      <source>Play training at the next slower pace</source>
      <translation>以下一档较慢的速度训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="116" />
      <source>Faster</source>
      <translation>加速</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="116" />
      <source>Play training at the next faster pace</source>
      <translation>以下一档较快的速度训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="118" />
      <source>Reset training</source>
      <translation>重置训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="119" />
      <source>Start training again from the first weights, step 0</source>
      <translation>从初始权重、第 0 步重新开始训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="121" />
      <source>New weights</source>
      <translation>新权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="121" />
      <source>Start again from fresh random weights</source>
      <translation>从新的随机权重重新开始</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="123" />
      <source>Backprop this step</source>
      <translation>反向传播这一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="124" />
      <source>Pause training and load the exact step about to happen into the graph, to walk through its backprop</source>
      <translation>暂停训练，把即将执行的这一步原样载入计算图，以便逐步演示它的反向传播</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="126" />
      <source>&amp;Full Screen</source>
      <translation>全屏(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="126" />
      <source>Fill the screen with the window</source>
      <translation>让窗口占满整个屏幕</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="128" />
      <source>&amp;Reset Layout</source>
      <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="129" />
      <source>Put every panel back where it started</source>
      <translation>把每个面板放回原来的位置</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="130" />
      <source>&amp;Keyboard Shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="130" />
      <source>Every key gdviz knows</source>
      <translation>gdviz 支持的所有按键</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="132" />
      <source>&amp;How to Read This Screen</source>
      <translation>如何阅读本界面(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="133" />
      <source>What each view and colour means</source>
      <translation>每个视图和颜色的含义</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="134" />
      <source>&amp;About gdviz</source>
      <translation>关于 gdviz(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="134" />
      <source>What gdviz is</source>
      <translation>gdviz 是什么</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="142" />
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="143" />
      <source>Save a picture (PNG or SVG) of the whole window or of one view</source>
      <translation>将整个窗口或某个视图保存为图片（PNG 或 SVG）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="151" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="154" />
      <source>&amp;Export View</source>
      <translation>导出视图(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="162" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="165" />
      <source>&amp;Training</source>
      <translation>训练(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="168" />
      <source>&amp;Walk-through</source>
      <translation>逐步演示(&amp;W)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="173" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="178" />
      <source>&amp;Theme</source>
      <translation>主题(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="179" />
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="186" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="210" />
      <source>Main</source>
      <translation>主工具栏</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="234" />
      <source>Delete the point under the mouse (training view)</source>
      <translation>删除鼠标下的数据点（训练视图）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="236" />
      <source>Pick the class a click adds (training view)</source>
      <translation>选择点击时添加的数据点类别（训练视图）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="238" />
      <source>Draw mode: a drag sprays points (training view)</source>
      <translation>绘制模式：拖动时喷洒数据点（训练视图）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="240" />
      <source>Clear the selected point (training view)</source>
      <translation>取消对数据点的选择（训练视图）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/actions.py" line="241" />
      <source>Presentation: the graph, or the training view, full screen (Esc leaves)</source>
      <translation>演示模式：计算图或训练视图全屏显示（Esc 退出）</translation>
    </message>
  </context>
  <context>
    <name>BackpropPlayer</name>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="43" />
      <source>▶ Play walk-through</source>
      <translation>▶ 播放逐步演示</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="44" />
      <source>❚❚ Pause walk-through</source>
      <translation>❚❚ 暂停逐步演示</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="95" />
      <source>Next Step</source>
      <translation>下一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="95" />
      <source>Next step of the walk-through</source>
      <translation>逐步演示的下一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="97" />
      <source>Step Back</source>
      <translation>后退一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="97" />
      <source>Back one step of the walk-through</source>
      <translation>逐步演示后退一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="99" />
      <source>Play Walk-through</source>
      <translation>播放逐步演示</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="99" />
      <source>Play or pause the walk-through</source>
      <translation>播放或暂停逐步演示</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="101" />
      <source>To the Start</source>
      <translation>回到开头</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="101" />
      <source>Back to the start of the walk-through</source>
      <translation>回到逐步演示的开头</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="103" />
      <source>To the End</source>
      <translation>跳到结尾</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="103" />
      <source>Jump to the end of the walk-through</source>
      <translation>跳到逐步演示的结尾</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="111" />
      <source>{tip} ({key})</source>
      <translation>{tip}（{key}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="130" />
      <source>Backward pass (backprop)</source>
      <translation>反向传播</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="131" />
      <source>Forward pass</source>
      <translation>前向传播</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="135" />
      <source>|◀ Start</source>
      <translation>|◀ 开头</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="136" />
      <source>◀ Back</source>
      <translation>◀ 上一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="138" />
      <source>Next ▶</source>
      <translation>下一步 ▶</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="139" />
      <source>End ▶|</source>
      <translation>结尾 ▶|</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="153" />
      <source>Drag to any step of the pass</source>
      <translation>拖动以跳到本次传播中的任意一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="159" />
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="369" />
      <source>step {position} / {count}</source>
      <translation>第 {position} / {count} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/backprop_player.py" line="162" />
      <source>speed</source>
      <translation>速度</translation>
    </message>
  </context>
  <context>
    <name>CheckTable</name>
    <message>
      <location filename="../../gdviz/ui/scripts/check_panel.py" line="21" />
      <source>node</source>
      <translation>节点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/check_panel.py" line="21" />
      <source>op</source>
      <translation>运算</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/check_panel.py" line="22" />
      <source>relative error</source>
      <translation>相对误差</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/check_panel.py" line="22" />
      <source>verdict</source>
      <translation>结论</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/check_panel.py" line="34" />
      <source>no gradient</source>
      <translation>无梯度</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/check_panel.py" line="56" />
      <source>green: relative error below {green:g}; red: above {red:g}; amber: between</source>
      <translation>绿色：相对误差低于 {green:g}；红色：高于 {red:g}；琥珀色：介于两者之间</translation>
    </message>
  </context>
  <context>
    <name>CodeDock</name>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="24" />
      <source>Python scripts (*.py)</source>
      <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="31" />
      <source>the extra input features</source>
      <translation>额外的输入特征</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="33" />
      <source>the {penalty} penalty</source>
      <translation>{penalty} 正则项</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="35" />
      <source>mini-batches (it trains on the whole set)</source>
      <translation>小批量（这段代码在整个数据集上训练）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="46" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="75" />
      <source># Not in this code: {missing}; the app's model has them.</source>
      <translation># 这段代码未包含：{missing}；应用中的模型包含这些内容。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="76" />
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/code_dock.py" line="95" />
      <source>Open script</source>
      <translation>打开脚本</translation>
    </message>
  </context>
  <context>
    <name>CodePanel</name>
    <message>
      <location filename="../../gdviz/ui/scripts/code_panel.py" line="218" />
      <source>Ctrl+Enter runs the code again.</source>
      <translation>按 Ctrl+Enter 重新运行代码。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/code_panel.py" line="240" />
      <source>line {line}: {message}</source>
      <translation>第 {line} 行：{message}</translation>
    </message>
  </context>
  <context>
    <name>CurvesView</name>
    <message>
      <location filename="../../gdviz/ui/training/curves_view.py" line="35" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves_view.py" line="36" />
      <location filename="../../gdviz/ui/training/curves_view.py" line="63" />
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves_view.py" line="42" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves_view.py" line="47" />
      <location filename="../../gdviz/ui/training/curves_view.py" line="61" />
      <source>train</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves_view.py" line="48" />
      <location filename="../../gdviz/ui/training/curves_view.py" line="61" />
      <source>test</source>
      <translation>测试</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves_view.py" line="81" />
      <source>log scale</source>
      <translation>对数刻度</translation>
    </message>
  </context>
  <context>
    <name>DatasetFiles</name>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="62" />
      <source>expected text, found {found}</source>
      <translation>应为文本，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="68" />
      <source>expected a point [x, y], found {found}</source>
      <translation>应为一个点 [x, y]，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="76" />
      <source>{labels} labels for {points} points</source>
      <translation>{points} 个数据点却有 {labels} 个标签</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="83" />
      <source>expected true or false, found {found}</source>
      <translation>应为 true 或 false，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="86" />
      <source>{flags} flags for {points} points</source>
      <translation>{points} 个数据点却有 {flags} 个标记</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="99" />
      <source>label {label} is not a known class (0 to {last} for {count} classes)</source>
      <translation>标签 {label} 不是已知的类别（{count} 个类别时为 0 到 {last}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="119" />
      <source>cannot save: </source>
      <translation>无法保存：</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="122" />
      <source>has a coordinate that is NaN or infinite</source>
      <translation>有一个坐标为 NaN 或无穷大</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="124" />
      <source>{count:,} points; gdviz saves at most {most:,}</source>
      <translation>共 {count:,} 个数据点；gdviz 最多保存 {most:,} 个</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="127" />
      <source>{count} classes; gdviz has 2 to {most}</source>
      <translation>共 {count} 个类别；gdviz 支持 2 到 {most} 个</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="134" />
      <source>point {index}</source>
      <translation>第 {index} 个数据点</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="139" />
      <source>line {line}</source>
      <translation>第 {line} 行</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="144" />
      <source>line {line}, column {column}</source>
      <translation>第 {line} 行，第 {column} 列</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="193" />
      <location filename="../../gdviz/session/dataset_files.py" line="294" />
      <source>not CSV ({reason})</source>
      <translation>不是 CSV 文件（{reason}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="197" />
      <source>the header is {header}; expected the columns x,y,label (and optionally is_test)</source>
      <translation>表头为 {header}；应为 x,y,label 这几列（is_test 列可选）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="260" />
      <source>{count} values where the header has {columns} ({header}); is the file truncated?</source>
      <translation>有 {count} 个值，而表头有 {columns} 列（{header}）；文件是否不完整？</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="264" />
      <source>more than {most:,} points, the limit</source>
      <translation>数据点超过了 {most:,} 个的上限</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="273" />
      <source>{cell} is not a number</source>
      <translation>{cell} 不是数字</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="277" />
      <source>{cell} is not a finite number; NaN and Infinity are refused</source>
      <translation>{cell} 不是有限数；不接受 NaN 和 Infinity</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="283" />
      <source>{cell} is not a class number (0, 1, 2, ...)</source>
      <translation>{cell} 不是类别编号（0、1、2……）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="291" />
      <source>{flag} is not 0 or 1</source>
      <translation>{flag} 不是 0 或 1</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="305" />
      <source>label {label} is not a known class (gdviz has at most {most} classes)</source>
      <translation>标签 {label} 不是已知的类别（gdviz 最多支持 {most} 个类别）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="345" />
      <source>dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="356" />
      <source>unknown extension {suffix}; datasets are .csv or .json</source>
      <translation>未知的扩展名 {suffix}；数据集应为 .csv 或 .json 文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/dataset_files.py" line="367" />
      <source>cannot save a dataset as {suffix}; use .csv or .json</source>
      <translation>无法将数据集保存为 {suffix}；请使用 .csv 或 .json</translation>
    </message>
  </context>
  <context>
    <name>Datasets</name>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="23" />
      <source>Tutorial: two Gaussian clouds</source>
      <translation>教程：两团高斯分布的点</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="24" />
      <source>XOR</source>
      <translation>XOR（异或）</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="25" />
      <source>Two circles</source>
      <translation>两个圆环</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="26" />
      <source>Two moons</source>
      <translation>两个半月</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="27" />
      <source>Two spirals</source>
      <translation>两条螺旋</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="28" />
      <source>Gaussian blobs, 3 classes</source>
      <translation>高斯团，3 个类别</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="29" />
      <source>Gaussian blobs, 4 classes</source>
      <translation>高斯团，4 个类别</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="97" />
      <source>label {label} is not a class of this dataset (0..{last})</source>
      <translation>标签 {label} 不是此数据集的类别（0..{last}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="227" />
      <source>unknown dataset {name}: choose one of {names}</source>
      <translation>未知的数据集 {name}：请从 {names} 中选择</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="230" />
      <source>a dataset needs at least 2 points, not {count}</source>
      <translation>数据集至少需要 2 个数据点，当前为 {count} 个</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="233" />
      <source>noise must be 0 or more, not {noise}</source>
      <translation>噪声必须大于或等于 0，当前为 {noise}</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/datasets.py" line="235" />
      <source>test_fraction must be between 0 and {most}, not {fraction}</source>
      <translation>test_fraction 必须在 0 到 {most} 之间，当前为 {fraction}</translation>
    </message>
  </context>
  <context>
    <name>DescentDocks</name>
    <message>
      <location filename="../../gdviz/ui/window/descent_docks.py" line="52" />
      <source>Landscape</source>
      <translation>损失曲面</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/descent_docks.py" line="52" />
      <source>Race</source>
      <translation>优化器竞赛</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/descent_docks.py" line="148" />
      <source>Landscape: {weight} is now its x axis (the Landscape tab beside Training)</source>
      <translation>损失曲面：{weight} 现在是它的 x 轴（见“训练”旁的“损失曲面”标签页）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/descent_docks.py" line="159" />
      <source>race: {optimizer}</source>
      <translation>竞赛：{optimizer}</translation>
    </message>
  </context>
  <context>
    <name>Exporter</name>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="15" />
      <source>CSV of original plot data</source>
      <translation>原始绘图数据（CSV）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="16" />
      <source>HDF5 Export: plot (x,y)</source>
      <translation>HDF5 导出：绘图 (x,y)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="17" />
      <source>Image File (PNG, TIF, JPG, ...)</source>
      <translation>图像文件（PNG、TIF、JPG 等）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="18" />
      <source>Matplotlib Window</source>
      <translation>Matplotlib 窗口</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="19" />
      <source>Printer</source>
      <translation>打印机</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="20" />
      <source>Scalable Vector Graphics (SVG)</source>
      <translation>可缩放矢量图形（SVG）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="21" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="22" />
      <source>antialias</source>
      <translation>抗锯齿</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="23" />
      <source>background</source>
      <translation>背景</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="24" />
      <source>columnMode</source>
      <translation>列模式</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="25" />
      <source>height</source>
      <translation>高度</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="26" />
      <source>invertValue</source>
      <translation>反转值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="27" />
      <source>precision</source>
      <translation>精度</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="28" />
      <source>scaling stroke</source>
      <translation>缩放线宽</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="29" />
      <source>separator</source>
      <translation>分隔符</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="30" />
      <source>width</source>
      <translation>宽度</translation>
    </message>
  </context>
  <context>
    <name>Exports</name>
    <message>
      <location filename="../../gdviz/ui/window/exports.py" line="51" />
      <source>could not write {path} (is the folder writable?)</source>
      <translation>无法写入 {path}（该文件夹是否可写？）</translation>
    </message>
  </context>
  <context>
    <name>Extras</name>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="31" />
      <source>Open &amp;Script…</source>
      <translation>打开脚本(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="32" />
      <source>Run a Python script written with gdviz.engine (the tutorial's API) and show its graph</source>
      <translation>运行用 gdviz.engine（教程的 API）编写的 Python 脚本，并显示它的计算图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="36" />
      <source>Record GIF of &amp;Training…</source>
      <translation>录制训练的 GIF(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="37" />
      <source>Save an animated GIF of the next training steps (a frame every k steps)</source>
      <translation>把接下来的若干训练步录制为 GIF 动画（每 k 步一帧）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="39" />
      <source>Record GIF of the &amp;Walk-through…</source>
      <translation>录制逐步演示的 GIF(&amp;W)…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="40" />
      <source>Save an animated GIF of the backprop walk-through of the step about to happen</source>
      <translation>把即将执行的这一步的反向传播逐步演示保存为 GIF 动画</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="42" />
      <source>Graph at &amp;Scale…</source>
      <translation>按比例导出计算图(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/extras.py" line="43" />
      <source>Save the graph view alone (without the player) at 1× to 8×, as PNG or SVG</source>
      <translation>按 1× 到 8× 的比例单独保存计算图视图（不含播放器），格式为 PNG 或 SVG</translation>
    </message>
  </context>
  <context>
    <name>Features</name>
    <message>
      <location filename="../../gdviz/training/features.py" line="55" />
      <source>the model needs at least one input feature, e.g. x1</source>
      <extracomment>The tutorial's input: the point itself.</extracomment>
      <translation>模型至少需要一个输入特征，例如 x1</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/features.py" line="58" />
      <source>input feature {feature} is not one of {features}</source>
      <translation>输入特征 {feature} 不在 {features} 之中</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/features.py" line="61" />
      <source>input features repeat: {features}</source>
      <translation>输入特征有重复：{features}</translation>
    </message>
  </context>
  <context>
    <name>FileChecks</name>
    <message>
      <location filename="../../gdviz/session/atomic_save.py" line="70" />
      <source>cannot save {path}: {error}</source>
      <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="50" />
      <source>file</source>
      <translation>文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="52" />
      <source>{name}, {where}: {problem}</source>
      <translation>{name}，{where}：{problem}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="54" />
      <source>{name}: {problem}</source>
      <translation>{name}：{problem}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="87" />
      <source>this is a folder, not a file; gdviz opens only regular files</source>
      <translation>这是一个文件夹，不是文件；gdviz 只打开普通文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="89" />
      <source>this is a named pipe (FIFO), not a file; gdviz opens only regular files</source>
      <translation>这是一个命名管道（FIFO），不是文件；gdviz 只打开普通文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="92" />
      <source>this is a socket, not a file; gdviz opens only regular files</source>
      <translation>这是一个套接字，不是文件；gdviz 只打开普通文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="94" />
      <source>this is a device, not a file; gdviz opens only regular files</source>
      <translation>这是一个设备，不是文件；gdviz 只打开普通文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="96" />
      <source>this is not a regular file; gdviz opens only regular files</source>
      <translation>这不是普通文件；gdviz 只打开普通文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="120" />
      <source>the file is larger than {megabytes} MB, more than any gdviz file can be</source>
      <translation>文件大于 {megabytes} MB，超出了任何 gdviz 文件可能的大小</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="125" />
      <source>byte {offset}</source>
      <translation>第 {offset} 字节</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="126" />
      <source>not UTF-8 text (is this the right file?)</source>
      <translation>不是 UTF-8 文本（文件选对了吗？）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="128" />
      <source>the file is empty</source>
      <translation>文件是空的</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="143" />
      <source>the key {key} appears twice in one JSON object</source>
      <translation>键 {key} 在同一个 JSON 对象中出现了两次</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="161" />
      <source>not valid JSON ({reason}); is the file truncated?</source>
      <translation>不是有效的 JSON（{reason}）；文件是否不完整？</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="166" />
      <source>unreadable number in the JSON ({reason})</source>
      <translation>JSON 中有无法读取的数字（{reason}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="174" />
      <source>line {line}, column {column}</source>
      <translation>第 {line} 行，第 {column} 列</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="178" />
      <source>the JSON is nested more than {depth} levels deep, deeper than any gdviz file</source>
      <translation>JSON 嵌套超过 {depth} 层，比任何 gdviz 文件都深</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="223" />
      <source>{number} is not a finite number; gdviz refuses NaN and Infinity</source>
      <translation>{number} 不是有限数；gdviz 不接受 NaN 和 Infinity</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="242" />
      <location filename="../../gdviz/session/file_checks.py" line="311" />
      <source>expected a JSON object, found {found}</source>
      <translation>应为 JSON 对象，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="246" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="247" />
      <source>not a gdviz {kind} file (format {found}, expected {expected})</source>
      <translation>不是 gdviz {kind}文件（format 为 {found}，应为 {expected}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="252" />
      <source>unknown format version {found}</source>
      <translation>未知的格式版本 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="255" />
      <source>format version {version} is newer than this gdviz reads ({known}); update gdviz</source>
      <translation>格式版本 {version} 比此版 gdviz 能读取的版本（{known}）更新；请更新 gdviz</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="269" />
      <source>expected a number, found {found}</source>
      <translation>应为数字，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="274" />
      <source>the number is too large</source>
      <translation>数字太大</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="280" />
      <source>expected a whole number, found {found}</source>
      <translation>应为整数，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="283" />
      <source>the number is too large (whole numbers stop at 2**63 - 1)</source>
      <translation>数字太大（整数最大为 2**63 - 1）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="286" />
      <source>{value} is out of range (from {lo} to {hi})</source>
      <translation>{value} 超出范围（{lo} 到 {hi}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="289" />
      <source>{value} is out of range ({lo} or more)</source>
      <translation>{value} 超出范围（应大于或等于 {lo}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="301" />
      <source>the text {text}</source>
      <translation>文本 {text}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="303" />
      <source>a list of {count}</source>
      <translation>列表（{count} 项）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="305" />
      <source>an object</source>
      <translation>对象</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="315" />
      <source>the key {key} is missing</source>
      <translation>缺少键 {key}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="319" />
      <source>unknown key; expected one of {keys}</source>
      <translation>未知的键；应为 {keys} 之一</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="326" />
      <source>expected a list, found {found}</source>
      <translation>应为列表，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="329" />
      <source>{count:,} entries, more than the limit of {limit:,}</source>
      <translation>共 {count:,} 项，超过上限 {limit:,}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="342" />
      <source>a {rows}x{columns} matrix is not a usable weight</source>
      <translation>{rows}x{columns} 的矩阵不能用作权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/file_checks.py" line="347" />
      <source>{count} numbers where row 0 has {width}</source>
      <translation>有 {count} 个数，而第 0 行有 {width} 个</translation>
    </message>
  </context>
  <context>
    <name>Form</name>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="9" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="10" />
      <source>Item to export:</source>
      <translation>要导出的项：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="11" />
      <source>Export format</source>
      <translation>导出格式</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="12" />
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="13" />
      <source>Export options</source>
      <translation>导出选项</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="14" />
      <source>Copy</source>
      <translation>复制</translation>
    </message>
  </context>
  <context>
    <name>GifRecording</name>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="64" />
      <source>{path}: an animated GIF is written, name it *.gif</source>
      <translation>{path}：录制的是 GIF 动画，请将文件命名为 *.gif</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="67" />
      <source>{path}: the folder {folder} does not exist</source>
      <translation>{path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="70" />
      <source>{path} is a folder: give a file name ending in .gif</source>
      <translation>{path} 是一个文件夹：请给出以 .gif 结尾的文件名</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="73" />
      <source>{path} cannot be overwritten (permissions?)</source>
      <translation>{path} 无法覆盖（权限问题？）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="76" />
      <source>{path}: the folder {folder} is not writable (permissions?)</source>
      <translation>{path}：文件夹 {folder} 不可写（权限问题？）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="118" />
      <source>a frame lasts {ms} ms: give at least 1</source>
      <translation>每帧持续 {ms} 毫秒：至少应为 1</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="132" />
      <source>an empty picture cannot be a frame (is the view shown?)</source>
      <translation>空白图像不能作为一帧（视图是否已显示？）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="157" />
      <source>no frames to write to {path}</source>
      <translation>没有可写入 {path} 的帧</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="184" />
      <source>{what}: not done within {seconds:.0f} s</source>
      <translation>{what}：未能在 {seconds:.0f} 秒内完成</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="190" />
      <source>recording stopped at frame {done} of {total}</source>
      <translation>录制在第 {done} 帧（共 {total} 帧）时停止</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="199" />
      <source>no view named {view} to record: choose one of {views}</source>
      <translation>没有名为 {view} 的视图可以录制：请从 {views} 中选择</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="236" />
      <source>{steps} training steps to record: give 1 or more</source>
      <translation>要录制的训练步数为 {steps}：至少应为 1</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="239" />
      <source>a frame every {every} steps of {steps}: give 1 to {steps}</source>
      <translation>在 {steps} 步中每 {every} 步一帧：请给出 1 到 {steps} 之间的值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="243" />
      <source>cannot record training: there are no training points</source>
      <translation>无法录制训练：没有训练点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="257" />
      <location filename="../../gdviz/ui/slides/gif.py" line="268" />
      <source>training to step {step}</source>
      <translation>训练到第 {step} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="259" />
      <source>training stopped before step {step}: {reason}</source>
      <translation>训练在第 {step} 步之前停止：{reason}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="262" />
      <source>gdviz · training · step {step}</source>
      <translation>gdviz · 训练 · 第 {step} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="295" />
      <source>the graph has no backprop steps to walk through</source>
      <translation>计算图中没有可供逐步演示的反向传播步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="305" />
      <source>gdviz · backprop of step {step} · {position}/{count} · {node}</source>
      <translation>gdviz · 第 {step} 步的反向传播 · {position}/{count} · {node}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/gif.py" line="309" />
      <source>gdviz · backprop of step {step} · {position}/{count} · before the backward pass</source>
      <translation>gdviz · 第 {step} 步的反向传播 · {position}/{count} · 反向传播开始之前</translation>
    </message>
  </context>
  <context>
    <name>GradientCheck</name>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="51" />
      <source>ok</source>
      <translation>正确</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="52" />
      <source>borderline</source>
      <translation>临界</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="53" />
      <source>WRONG</source>
      <translation>错误</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="55" />
      <source>its gradient returned {returned} gradients for {inputs} inputs</source>
      <translation>它的梯度函数对 {inputs} 个输入返回了 {returned} 个梯度</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="57" />
      <source>the gradient for input {slot} has shape {shape}, the input {input_shape}</source>
      <translation>输入 {slot} 的梯度形状为 {shape}，而该输入的形状为 {input_shape}</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="101" />
      <source>{verdict} ({note})</source>
      <translation>{verdict}（{note}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="278" />
      <source>node</source>
      <translation>节点</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="278" />
      <source>op type</source>
      <translation>运算类型</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="279" />
      <source>relative error</source>
      <translation>相对误差</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="279" />
      <source>verdict</source>
      <translation>结论</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="331" />
      <source>Gradient check of {script}: the loss '{loss}' ({reason}), graph {number} of {count}</source>
      <translation>{script} 的梯度检验：损失“{loss}”（{reason}），第 {number} 个计算图（共 {count} 个）</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/check.py" line="344" />
      <source>Every gradient agrees with finite differences (relative error &lt;= {limit:g}).</source>
      <translation>所有梯度都与有限差分一致（相对误差 &lt;= {limit:g}）。</translation>
    </message>
  </context>
  <context>
    <name>GraphExport</name>
    <message>
      <location filename="../../gdviz/ui/slides/graph_export.py" line="39" />
      <source>scale {scale:g}: give {low:g} to {high:g}</source>
      <translation>缩放比例 {scale:g}：请给出 {low:g} 到 {high:g} 之间的值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/graph_export.py" line="51" />
      <source>gdviz: computational graph</source>
      <translation>gdviz：计算图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/graph_export.py" line="83" />
      <source>{path}: the graph is saved as .png or .svg</source>
      <translation>{path}：计算图只能保存为 .png 或 .svg</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/graph_export.py" line="86" />
      <source>the graph view is empty: there is no graph to export</source>
      <translation>计算图视图是空的：没有可导出的计算图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/graph_export.py" line="88" />
      <source>could not write {path}: the folder {folder} does not exist</source>
      <translation>无法写入 {path}：文件夹 {folder} 不存在</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/graph_export.py" line="96" />
      <source>could not write {path} (is the folder writable?)</source>
      <translation>无法写入 {path}（该文件夹是否可写？）</translation>
    </message>
  </context>
  <context>
    <name>GraphPanel</name>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="41" />
      <source>Fit</source>
      <translation>全图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="43" />
      <source>Show the whole graph (or double-click the background)</source>
      <translation>显示整个计算图（或双击背景）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="55" />
      <source>Which training step the graph shows</source>
      <translation>计算图显示的是训练的哪一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="140" />
      <source>columns: {columns}</source>
      <translation>列：{columns}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="143" />
      <source>shape {shape}</source>
      <translation>形状 {shape}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="144" />
      <source>value: {value}</source>
      <translation>值：{value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="150" />
      <source>gradient: not reached yet</source>
      <translation>梯度：尚未到达</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="153" />
      <source>after the optimizer's update: {value}</source>
      <translation>优化器更新后：{value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="155" />
      <source>click to inspect in full</source>
      <translation>点击可在检查器中查看全部</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="183" />
      <source>Gradients come from the backward pass: switch the player to it.</source>
      <translation>梯度来自反向传播：请把播放器切换到反向传播。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="185" />
      <source>No gradient: this node does not lead to the loss.</source>
      <translation>没有梯度：这个节点不通向损失。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="187" />
      <source>Not computed yet: step on until this node leaves the queue.</source>
      <translation>尚未计算：继续单步执行，直到这个节点离开队列。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="190" />
      <source>Not evaluated yet: step the forward pass on.</source>
      <translation>尚未计算：请继续单步执行前向传播。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/graph_panel.py" line="191" />
      <source>The graph has not been run.</source>
      <translation>计算图尚未运行。</translation>
    </message>
  </context>
  <context>
    <name>GraphSteps</name>
    <message>
      <location filename="../../gdviz/ui/window/graph_steps.py" line="68" />
      <source>Step {step}, about to happen: working out its backprop…</source>
      <translation>即将执行第 {step} 步：正在计算它的反向传播…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/graph_steps.py" line="130" />
      <source>Step {step}, about to happen: its backprop, with the current weights and points</source>
      <translation>即将执行第 {step} 步：它的反向传播，使用当前的权重和数据点</translation>
    </message>
  </context>
  <context>
    <name>GraphTrainer</name>
    <message>
      <location filename="../../gdviz/ui/scripts/graph_trainer.py" line="138" />
      <source>training step {step} failed: {error}</source>
      <translation>第 {step} 步训练失败：{error}</translation>
    </message>
  </context>
  <context>
    <name>GraphicsScene</name>
    <message>
      <location filename="../../gdviz/ui/pyqtgraph_texts.py" line="8" />
      <source>Export...</source>
      <translation>导出…</translation>
    </message>
  </context>
  <context>
    <name>HelpTexts</name>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="12" />
      <source>&lt;p&gt;Every key does the same thing whichever part of the window has the focus (except while you type in a text or number field). Training has Space and Ctrl+→; the walk-through of one step's backprop under the graph has its own keys: &lt;b&gt;.&lt;/b&gt; next, &lt;b&gt;,&lt;/b&gt; back, &lt;b&gt;P&lt;/b&gt; play, &lt;b&gt;Home&lt;/b&gt; / &lt;b&gt;End&lt;/b&gt;.&lt;/p&gt;</source>
      <translation>&lt;p&gt;无论焦点在窗口的哪个部分，每个按键的作用都相同（在文本框或数字框中输入时除外）。训练使用 Space 和 Ctrl+→；计算图下方对一步反向传播的逐步演示有自己的按键：&lt;b&gt;.&lt;/b&gt; 下一步，&lt;b&gt;,&lt;/b&gt; 上一步，&lt;b&gt;P&lt;/b&gt; 播放，&lt;b&gt;Home&lt;/b&gt; / &lt;b&gt;End&lt;/b&gt; 开头 / 结尾。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="18" />
      <source>&lt;b&gt;gdviz&lt;/b&gt; shows gradient descent and backpropagation on a computational graph, as in the tutorial &lt;i&gt;Deep Learning From Scratch IV&lt;/i&gt;.</source>
      <translation>&lt;b&gt;gdviz&lt;/b&gt; 在计算图上展示梯度下降与反向传播，内容与教程 &lt;i&gt;Deep Learning From Scratch IV&lt;/i&gt;（梯度下降与反向传播）一致。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="23" />
      <source>&lt;h3&gt;How to read this screen&lt;/h3&gt;</source>
      <translation>&lt;h3&gt;如何阅读本界面&lt;/h3&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="24" />
      <source>&lt;p&gt;&lt;b&gt;Computational graph&lt;/b&gt; (centre): the tutorial's graph of the model. Light blue nodes are &lt;i&gt;placeholders&lt;/i&gt; (the points X and their labels c), yellow nodes are &lt;i&gt;Variables&lt;/i&gt; (the weights W, b that training changes), grey nodes are &lt;i&gt;operations&lt;/i&gt;, and the pink node is the loss J. Arrows run from an input to its consumer.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;计算图&lt;/b&gt;（中央）：教程中模型的计算图。浅蓝色节点是&lt;i&gt;占位符&lt;/i&gt;（数据点 X 及其标签 c），黄色节点是&lt;i&gt;变量&lt;/i&gt;（训练所改变的权重 W、b），灰色节点是&lt;i&gt;运算&lt;/i&gt;，粉色节点是损失 J。箭头从输入指向它的消费节点。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="30" />
      <source>&lt;p&gt;&lt;b&gt;Walk-through&lt;/b&gt; (under the graph): press &lt;b&gt;Next ▶&lt;/b&gt; (key &lt;b&gt;.&lt;/b&gt;) to follow backpropagation one node at a time, from J back to the weights, in the breadth-first order of the tutorial; &lt;b&gt;◀ Back&lt;/b&gt; (&lt;b&gt;,&lt;/b&gt;) steps back, &lt;b&gt;Play walk-through&lt;/b&gt; (&lt;b&gt;P&lt;/b&gt;) plays it. The node being processed has an orange outline, queued nodes a dashed blue one, finished nodes a green one; the numbers on the arrows are the gradients flowing back, and the queue shows which nodes wait their turn. Switch the mode to &lt;i&gt;forward&lt;/i&gt; to watch the values computed first.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;逐步演示&lt;/b&gt;（计算图下方）：按 &lt;b&gt;下一步 ▶&lt;/b&gt;（按键 &lt;b&gt;.&lt;/b&gt;），沿教程中的广度优先顺序一次一个节点地跟踪反向传播，从 J 一直回到权重；&lt;b&gt;◀ 上一步&lt;/b&gt;（&lt;b&gt;,&lt;/b&gt;）后退一步，&lt;b&gt;播放逐步演示&lt;/b&gt;（&lt;b&gt;P&lt;/b&gt;）自动播放。正在处理的节点带橙色轮廓，排队中的节点带蓝色虚线轮廓，已完成的节点带绿色轮廓；箭头上的数字是反向流动的梯度，队列显示哪些节点正在等待。把模式切换为&lt;i&gt;前向传播&lt;/i&gt;，可以先观察各个值是如何计算出来的。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="39" />
      <source>&lt;p&gt;&lt;b&gt;Inspector&lt;/b&gt;: the value and the gradient ∂J/∂node, in full, of the node the player is at; click a node to pin it there instead (click the background to unpin).&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;检查器&lt;/b&gt;：完整显示播放器当前所在节点的值和梯度 ∂J/∂节点；点击某个节点可将检查器固定到该节点（点击背景取消固定）。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="43" />
      <source>&lt;p&gt;&lt;b&gt;Decision boundary&lt;/b&gt; (Training): the points coloured by class (blue, red, then green and orange), over the background tinted by the class the model predicts there; the line is where it is undecided. Hollow points are the held-out test split. Drag a point to move it, click to add one, right-click to delete.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;决策边界&lt;/b&gt;（训练）：数据点按类别着色（蓝、红，然后是绿和橙），背景按模型在该处预测的类别着色；那条线是模型无法判定的位置。空心点是留出的测试点。拖动数据点可以移动它，点击可添加一个，右键点击可删除。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="49" />
      <source>&lt;p&gt;&lt;b&gt;Loss and accuracy&lt;/b&gt;: the loss J after each step (it should fall) and the share of points classified right.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;损失与准确率&lt;/b&gt;：每一步之后的损失 J（它应当下降），以及分类正确的数据点所占的比例。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="53" />
      <source>&lt;p&gt;&lt;b&gt;Controls&lt;/b&gt; (the strip above the graph): choose the points, the model and how it trains. &lt;b&gt;Toolbar&lt;/b&gt;: &lt;b&gt;Play training&lt;/b&gt; (Space) trains continuously, &lt;b&gt;Step training&lt;/b&gt; (Ctrl+→) takes one gradient-descent step, &lt;b&gt;Reset training&lt;/b&gt; starts over, and &lt;b&gt;Backprop this step&lt;/b&gt; (Ctrl+B) pauses and loads the exact step about to happen into the graph, to walk through.&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;控制面板&lt;/b&gt;（计算图上方的一栏）：选择数据点、模型以及训练方式。&lt;b&gt;工具栏&lt;/b&gt;：&lt;b&gt;开始训练&lt;/b&gt;（Space）持续训练，&lt;b&gt;单步训练&lt;/b&gt;（Ctrl+→）执行一步梯度下降，&lt;b&gt;重置训练&lt;/b&gt;从头开始，&lt;b&gt;反向传播这一步&lt;/b&gt;（Ctrl+B）暂停训练，并把即将执行的这一步原样载入计算图，以便逐步演示。&lt;/p&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/help_texts.py" line="59" />
      <source>&lt;p&gt;&lt;b&gt;Status bar&lt;/b&gt;: the step, the loss, the accuracy, the steps per second and any warning (training diverged, a file refused).&lt;/p&gt;</source>
      <translation>&lt;p&gt;&lt;b&gt;状态栏&lt;/b&gt;：步数、损失、准确率、每秒步数，以及任何警告（训练发散、文件被拒绝等）。&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>HoverReadout</name>
    <message>
      <location filename="../../gdviz/ui/training/curves.py" line="53" />
      <source>{curve} {value}</source>
      <translation>{curve}：{value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves.py" line="59" />
      <source>step {step}</source>
      <translation>第 {step} 步</translation>
    </message>
  </context>
  <context>
    <name>Inspector</name>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="33" />
      <source>placeholder</source>
      <translation>占位符</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="34" />
      <source>Variable</source>
      <translation>变量</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="35" />
      <source>constant</source>
      <translation>常量</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="36" />
      <source>operation</source>
      <translation>运算</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="37" />
      <source>Click a node to inspect it.</source>
      <translation>点击一个节点来查看它。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="213" />
      <source>Value (forward pass)</source>
      <translation>值（前向传播）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="216" />
      <source>Gradient ∂J/∂node (backward pass)</source>
      <translation>梯度 ∂J/∂节点（反向传播）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="279" />
      <source>clicked (click the background to follow the player)</source>
      <translation>已固定到点击的节点（点击背景可恢复跟随播放器）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="280" />
      <source>where the player is (click a node to pin one)</source>
      <translation>播放器当前所在的节点（点击节点可固定显示）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="281" />
      <source>&lt;b&gt;{name}&lt;/b&gt; · {op} ({kind})&lt;br&gt;&lt;span style='color:gray'&gt;{how}&lt;/span&gt;</source>
      <translation>&lt;b&gt;{name}&lt;/b&gt; · {op}（{kind}）&lt;br&gt;&lt;span style='color:gray'&gt;{how}&lt;/span&gt;</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="285" />
      <source>&lt;b&gt;Gradient ∂{loss}/∂{node}&lt;/b&gt; (backward pass)</source>
      <translation>&lt;b&gt;梯度 ∂{loss}/∂{node}&lt;/b&gt;（反向传播）</translation>
    </message>
  </context>
  <context>
    <name>LandscapePlot</name>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="30" />
      <source>−lr·∇J: gradient descent's step</source>
      <translation>−lr·∇J：梯度下降的一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="31" />
      <source>momentum's step −lr·accum</source>
      <translation>动量的一步 −lr·accum</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="32" />
      <source>Adam's step −lr_t·m/(√v+ε)</source>
      <translation>Adam 的一步 −lr_t·m/(√v+ε)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="148" />
      <source>t, in w − t·∇J (gradient units)</source>
      <translation>t，即 w − t·∇J 中的 t（以梯度为单位）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="212" />
      <source>tangent at t = 0: slope −|∇J|²</source>
      <translation>t = 0 处的切线：斜率 −|∇J|²</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="213" />
      <source>t = lr: where the step lands</source>
      <translation>t = lr：这一步的落点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="214" />
      <source>t = 0: now</source>
      <translation>t = 0：当前</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="216" />
      <source>current weights</source>
      <translation>当前权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_plot.py" line="216" />
      <source>descent path</source>
      <translation>下降路径</translation>
    </message>
  </context>
  <context>
    <name>LandscapeView</name>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="23" />
      <source>How to look at the loss J: over two weights, over the plane of the path (all weights), or along the gradient</source>
      <translation>查看损失 J 的方式：关于两个权重、在路径所在的平面上（全部权重），或沿梯度方向</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="25" />
      <source>Redraw</source>
      <translation>重新绘制</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="26" />
      <source>Compute the surface again around the current weights</source>
      <translation>围绕当前权重重新计算曲面</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="29" />
      <source>The weight on the horizontal axis; every other weight is held at its current value</source>
      <translation>横轴上的权重；其他权重都保持当前值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="32" />
      <source>The weight on the vertical axis</source>
      <translation>纵轴上的权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="36" />
      <source>Train only these two</source>
      <translation>只训练这两个权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="38" />
      <source>Training moves only the two chosen weights, so the path stays on this surface (the others stay where they are)</source>
      <translation>训练只改变所选的两个权重，因此路径始终位于此曲面上（其他权重保持不变）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="41" />
      <source>What the picture shows</source>
      <translation>图中显示的内容</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="43" />
      <source>Colours: bands of equal share between contour levels of J, dark = low (grey: J infinite or undefined). Red dot: the current weights</source>
      <translation>颜色：J 的等高线之间的色带，各色带所占面积大致相同，颜色越深 J 越低（灰色：J 为无穷大或无定义）。红点：当前权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="45" />
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="80" />
      <source>No model yet.</source>
      <translation>还没有模型。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="47" />
      <source>J and its gradient at the current weights, and the steps drawn</source>
      <translation>当前权重处的 J 及其梯度，以及图中画出的各步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="52" />
      <source>What went wrong, and what to change</source>
      <translation>出了什么问题，以及应该更改什么</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_controls.py" line="58" />
      <source>Computing the surface</source>
      <translation>正在计算曲面</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="18" />
      <source>Two parameters</source>
      <translation>两个参数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="19" />
      <source>All parameters (projection)</source>
      <translation>全部参数（投影）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="20" />
      <source>Along the gradient (1-D)</source>
      <translation>沿梯度方向（一维）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="23" />
      <source>J as two chosen weights vary, every other weight held at its current value</source>
      <translation>所选的两个权重变化时的 J，其他权重都保持当前值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="25" />
      <source>J on the plane of the path's two principal directions (PCA of the weights visited), through the current weights: every weight moves</source>
      <translation>J 在路径的两个主方向（对经过的权重做主成分分析）张成、且经过当前权重的平面上的取值：所有权重都会变化</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="27" />
      <source>J(w − t·∇J): the mountain along the gradient, its slope at t = 0, and where the learning rate's step lands</source>
      <translation>J(w − t·∇J)：沿梯度方向的山坡、它在 t = 0 处的斜率，以及按学习率走一步的落点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="31" />
      <source>J over two weights; every other weight held where it is now.</source>
      <translation>J 随两个权重的变化；其他权重都保持当前值。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="32" />
      <source>A projection onto the path's two principal directions: J on the plane through the current weights; the path is its shadow on that plane.</source>
      <translation>投影到路径的两个主方向上：J 在经过当前权重的平面上的取值；路径是它在该平面上的投影。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="34" />
      <source>J along the gradient's line through the current weights.</source>
      <translation>J 沿经过当前权重的梯度方向直线的取值。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="82" />
      <source>Computing the landscape…</source>
      <translation>正在计算损失曲面…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="84" />
      <source>step {step}</source>
      <translation>第 {step} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="93" />
      <source>|∇J| = {norm}, on the plane ({alpha}, {beta})</source>
      <translation>|∇J| = {norm}，在该平面上的投影为 ({alpha}, {beta})</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="97" />
      <source>slope at t = 0: −|∇J|² = {slope}</source>
      <translation>t = 0 处的斜率：−|∇J|² = {slope}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="99" />
      <source>the step (t = lr = {rate}) lands at J = {J}</source>
      <translation>这一步（t = lr = {rate}）落在 J = {J} 处</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="103" />
      <source>momentum state included</source>
      <translation>已计入动量状态</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="104" />
      <source>Adam state included</source>
      <translation>已计入 Adam 状态</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="112" />
      <source>β: its second principal direction</source>
      <translation>β：路径的第二主方向</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="114" />
      <source>α: the path's first principal direction</source>
      <translation>α：路径的第一主方向</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_state.py" line="115" />
      <source>α: the path's first principal direction ({share} % of its variance)</source>
      <translation>α：路径的第一主方向（占其方差的 {share} %）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_view.py" line="170" />
      <source>The landscape got {got} weights for a model of {need}: call set_problem with the new model first.</source>
      <translation>损失曲面收到了 {got} 个权重，而模型有 {need} 个：请先用新模型调用 set_problem。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/landscape_view.py" line="259" />
      <source>Choose two different weights for the axes.</source>
      <translation>请为两个坐标轴选择不同的权重。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/landscape/surface_thread.py" line="278" />
      <location filename="../../gdviz/ui/landscape/surface_thread.py" line="279" />
      <source>The landscape could not be computed: {error}</source>
      <translation>无法计算损失曲面：{error}</translation>
    </message>
  </context>
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
      <translation>现在重新启动吗？如有未保存的更改，会先询问是否保存。</translation>
    </message>
  </context>
  <context>
    <name>LossReason</name>
    <message>
      <location filename="../../gdviz/scripts/description.py" line="36" />
      <source>minimised by {optimizer}</source>
      <translation>由 {optimizer} 最小化</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/description.py" line="37" />
      <source>the last operation whose value is one number</source>
      <translation>值为单个数的最后一个运算</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/description.py" line="38" />
      <source>the last operation (none gives one number)</source>
      <translation>最后一个运算（没有运算的值是单个数）</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/description.py" line="39" />
      <source>the graph has no operation</source>
      <translation>计算图中没有运算</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="137" />
      <source>Open {name}</source>
      <translation>打开 {name}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="137" />
      <source>Open the tutorial</source>
      <translation>打开教程</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="207" />
      <source>Showing step {step}, before the last change: press Ctrl+B for the step training is at</source>
      <translation>正在显示第 {step} 步（上一次更改之前）：按 Ctrl+B 显示训练当前所在的步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="246" />
      <source>Pause training</source>
      <translation>暂停训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="246" />
      <source>Play training</source>
      <translation>开始训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="263" />
      <source>Paused before step {step}: press Next ▶ (.) under the graph to walk through its backprop, then Play training (Space) to resume</source>
      <translation>已在第 {step} 步之前暂停：按计算图下方的“下一步 ▶”（.）逐步演示它的反向传播，然后按“开始训练”（Space）继续</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="273" />
      <source>Showing step {step}; training is at step {training_step}: press Ctrl+B to load the step about to happen</source>
      <translation>正在显示第 {step} 步，训练已到第 {training_step} 步：按 Ctrl+B 载入即将执行的那一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="376" />
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="379" />
      <source>How to read this screen</source>
      <translation>如何阅读本界面</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/main_window.py" line="382" />
      <source>About gdviz</source>
      <translation>关于 gdviz</translation>
    </message>
  </context>
  <context>
    <name>Models</name>
    <message>
      <location filename="../../gdviz/training/models.py" line="116" />
      <source>model {field} {value} is not one of {allowed}</source>
      <translation>模型的 {field} 值 {value} 不在 {allowed} 之中</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/models.py" line="120" />
      <source>an MLP has 1 to {most} hidden layers, not {count}</source>
      <translation>多层感知机有 1 到 {most} 个隐藏层，当前为 {count} 个</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/models.py" line="123" />
      <source>hidden layer widths must be 1 or more: {widths}</source>
      <translation>隐藏层宽度必须大于或等于 1：{widths}</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/models.py" line="126" />
      <source>the learning rate must be a positive number, not {rate}</source>
      <translation>学习率必须是正数，当前为 {rate}</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/models.py" line="129" />
      <source>the penalty rate λ must be from 0 to {most:g}, not {rate}</source>
      <translation>正则项系数 λ 必须在 0 到 {most:g} 之间，当前为 {rate}</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/models.py" line="132" />
      <source>the batch size must be a whole number, 0 (all points) or more, not {size}</source>
      <translation>批大小必须是大于或等于 0 的整数（0 表示全部数据点），当前为 {size}</translation>
    </message>
  </context>
  <context>
    <name>NeuronDock</name>
    <message>
      <location filename="../../gdviz/ui/neurons/neuron_dock.py" line="29" />
      <source>Neurons</source>
      <translation>神经元</translation>
    </message>
  </context>
  <context>
    <name>NeuronView</name>
    <message>
      <location filename="../../gdviz/ui/neurons/neuron_view.py" line="41" />
      <source>Click: select its column in the graph and the inspector.</source>
      <translation>点击：在计算图和检查器中选中它所在的列。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/neurons/neuron_view.py" line="319" />
      <source>The neuron picture could not be computed:
{reason}</source>
      <translation>无法计算神经元图：
{reason}</translation>
    </message>
  </context>
  <context>
    <name>Neurons</name>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="67" />
      <source>Inputs</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="69" />
      <source>Output (softmax)</source>
      <translation>输出（softmax）</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="70" />
      <source>Hidden {layer} ({activation})</source>
      <translation>隐藏层 {layer}（{activation}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="204" />
      <source>{name} ∈ {range} over the plane</source>
      <translation>{name} ∈ {range}（在整个平面上）</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="208" />
      <source>{name}: input feature</source>
      <translation>{name}：输入特征</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="217" />
      <source>{name} = softmax(z){index}: probability of class {unit}</source>
      <translation>{name} = softmax(z){index}：类别 {unit} 的概率</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="219" />
      <source>with</source>
      <translation>其中</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="242" />
      <source>{matrix}, row {row}, column {column}</source>
      <translation>{matrix} 的第 {row} 行、第 {column} 列</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/neurons.py" line="244" />
      <source>adds {w}·{source} to {target}, from {low} to {high} over the plane</source>
      <translation>向 {target} 加上 {w}·{source}，在整个平面上取值从 {low} 到 {high}</translation>
    </message>
  </context>
  <context>
    <name>PaceBox</name>
    <message>
      <location filename="../../gdviz/ui/training/pace.py" line="16" />
      <source>How fast training plays: from 1 step a second (watch each update, each boundary numbered on the trail) to as fast as the machine goes.  [ slower, ] faster</source>
      <translation>训练播放的速度：从每秒 1 步（看清每次更新，轨迹上的每条边界都标有步数）到机器所能达到的最快速度。按 [ 减慢，按 ] 加快</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pace.py" line="23" />
      <source>Max speed</source>
      <translation>最快</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pace.py" line="25" />
      <source>1 step/s</source>
      <translation>1 步/秒</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pace.py" line="26" />
      <source>{pace:,} steps/s</source>
      <translation>{pace:,} 步/秒</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pace.py" line="55" />
      <source>Training pace</source>
      <translation>训练速度</translation>
    </message>
  </context>
  <context>
    <name>PlayerState</name>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="29" />
      <source>wheel zooms · drag pans · double-click fits</source>
      <translation>滚轮缩放 · 拖动平移 · 双击显示全图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="31" />
      <source>&lt;span style='color:#e8590c'&gt;■&lt;/span&gt; current step &amp;nbsp; &lt;span style='color:#1c7ed6'&gt;■&lt;/span&gt; in the queue &amp;nbsp; &lt;span style='color:#2f9e44'&gt;■&lt;/span&gt; gradient done &amp;nbsp; on edges: the gradient flowing back</source>
      <translation>&lt;span style='color:#e8590c'&gt;■&lt;/span&gt; 当前步 &amp;nbsp; &lt;span style='color:#1c7ed6'&gt;■&lt;/span&gt; 在队列中 &amp;nbsp; &lt;span style='color:#2f9e44'&gt;■&lt;/span&gt; 梯度已算出 &amp;nbsp; 边上：反向流动的梯度</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="36" />
      <source>&lt;span style='color:#e8590c'&gt;■&lt;/span&gt; being updated &amp;nbsp; &lt;span style='color:#1c7ed6'&gt;■&lt;/span&gt; still to update &amp;nbsp; &lt;span style='color:#2f9e44'&gt;■&lt;/span&gt; gradient done (or updated) &amp;nbsp; under an updated Variable: its new value</source>
      <translation>&lt;span style='color:#e8590c'&gt;■&lt;/span&gt; 正在更新 &amp;nbsp; &lt;span style='color:#1c7ed6'&gt;■&lt;/span&gt; 尚待更新 &amp;nbsp; &lt;span style='color:#2f9e44'&gt;■&lt;/span&gt; 梯度已算出（或已更新） &amp;nbsp; 已更新的变量下方：它的新值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="41" />
      <source>&lt;span style='color:#e8590c'&gt;■&lt;/span&gt; being evaluated &amp;nbsp; &lt;span style='color:#2f9e44'&gt;■&lt;/span&gt; value computed &amp;nbsp; under each node: its value</source>
      <translation>&lt;span style='color:#e8590c'&gt;■&lt;/span&gt; 正在计算 &amp;nbsp; &lt;span style='color:#2f9e44'&gt;■&lt;/span&gt; 值已算出 &amp;nbsp; 每个节点下方：它的值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="46" />
      <source>Queue (front first):</source>
      <translation>队列（队首在前）：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="47" />
      <source>Still to update:</source>
      <translation>尚待更新：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="48" />
      <source>Still to evaluate:</source>
      <translation>尚待计算：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="86" />
      <source>{gradient} flowing back from {consumer} (input {slot}): {rule}</source>
      <translation>从 {consumer}（输入 {slot}）反向流回的 {gradient}：{rule}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="106" />
      <source>Load a graph to play its backward pass.</source>
      <translation>载入计算图后即可播放它的反向传播。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="122" />
      <source>The backward pass starts at the loss &lt;b&gt;{loss}&lt;/b&gt; and does a breadth-first search towards the inputs. Each node's gradient is the sum, over its consumers, of the consumer's gradient G times the consumer's local derivative. A node enters the queue once all its consumers are done. Press &lt;b&gt;Next ▶&lt;/b&gt; (or .) to begin.</source>
      <translation>反向传播从损失 &lt;b&gt;{loss}&lt;/b&gt; 开始，朝输入的方向做广度优先搜索。每个节点的梯度，是对它的所有消费节点求和：每一项是消费节点的梯度 G 乘以该消费节点的局部导数。一个节点的所有消费节点都处理完后，它才进入队列。按 &lt;b&gt;下一步 ▶&lt;/b&gt;（或 .）开始。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="147" />
      <source>&lt;b&gt;Done:&lt;/b&gt; all {count} nodes have their gradient ∂{loss}/∂node; the Variables' gradients are what gradient descent subtracts (times the learning rate).</source>
      <translation>&lt;b&gt;完成：&lt;/b&gt;全部 {count} 个节点都已算出损失关于它们的梯度 ∂{loss}/∂节点；梯度下降减去的就是变量的梯度（乘以学习率）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="151" />
      <source>&lt;b&gt;Done:&lt;/b&gt; all {count} nodes have their gradient ∂{loss}/∂node; next, {optimizer} moves each Variable with its gradient: 1 update step ({names}).</source>
      <translation>&lt;b&gt;完成：&lt;/b&gt;全部 {count} 个节点都已算出损失关于它们的梯度 ∂{loss}/∂节点；接下来，优化器（{optimizer}）用梯度移动每个变量：1 个更新步（{names}）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="155" />
      <source>&lt;b&gt;Done:&lt;/b&gt; all {count} nodes have their gradient ∂{loss}/∂node; next, {optimizer} moves each Variable with its gradient: {steps} update steps ({names}).</source>
      <translation>&lt;b&gt;完成：&lt;/b&gt;全部 {count} 个节点都已算出损失关于它们的梯度 ∂{loss}/∂节点；接下来，优化器（{optimizer}）用梯度移动每个变量：{steps} 个更新步（{names}）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="174" />
      <source>new value: {value}</source>
      <translation>新值：{value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="188" />
      <source>Load a graph to play its forward pass.</source>
      <translation>载入计算图后即可播放它的前向传播。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="195" />
      <source>value: {value}</source>
      <translation>值：{value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/player_state.py" line="205" />
      <source>The forward pass evaluates every node that &lt;b&gt;{node}&lt;/b&gt; depends on, in post-order: inputs before the nodes that consume them (Session.run). Press &lt;b&gt;Next ▶&lt;/b&gt; (or .) to begin.</source>
      <translation>前向传播按后序遍历的顺序计算 &lt;b&gt;{node}&lt;/b&gt; 所依赖的每个节点：输入先于消费它们的节点（Session.run）。按 &lt;b&gt;下一步 ▶&lt;/b&gt;（或 .）开始。</translation>
    </message>
  </context>
  <context>
    <name>PointPull</name>
    <message>
      <location filename="../../gdviz/lesson/point_pull.py" line="279" />
      <source>Point row {row}'s term of {name}ᵀ·G: {name}[{row}]ᵀ · ∂{loss}/∂{consumer}[{row}] = &lt;code&gt;[{cells}]&lt;/code&gt; (norm {norm})</source>
      <translation>第 {row} 行的点在 {name}ᵀ·G 中的项：{name}[{row}]ᵀ · ∂{loss}/∂{consumer}[{row}] = &lt;code&gt;[{cells}]&lt;/code&gt;（范数 {norm}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="32" />
      <source>Halo: each point's own loss −log p(its class), from none (0) to full size (≥ {full:g}). Click a point to see its pull.</source>
      <extracomment>The halo's scale: a point's own loss at which its halo is full size.</extracomment>
      <translation>光晕：每个点自身的损失 −log p(其类别)，从无（0）到最大（≥ {full:g}）。点击一个点可查看它的拉力。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="89" />
      <source>∂J/∂{name}: {share} of {total}</source>
      <translation>∂J/∂{name}：{share}，总梯度为 {total}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="91" />
      <source>∂J/∂{name}: ‖share‖ = {share} of ‖∂J/∂{name}‖ = {total}</source>
      <translation>∂J/∂{name}：‖份额‖ = {share}，‖∂J/∂{name}‖ = {total}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="99" />
      <source>Point {index} · class {label} · own loss ℓ = {loss}</source>
      <translation>点 {index} · 类别 {label} · 自身损失 ℓ = {loss}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="100" />
      <source>A test point: J does not include it, so it pulls on nothing.</source>
      <translation>测试点：J 不包含它，因此它不拉动任何参数。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="101" />
      <source>Point {index} · class {label} · own loss ℓ = {loss} · its term of J = {term}</source>
      <translation>点 {index} · 类别 {label} · 自身损失 ℓ = {loss} · 它在 J 中的项 = {term}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="103" />
      <source>∂J/∂x = ({dx}, {dy}), length {length}: the arrow, the way moving it raises J</source>
      <translation>∂J/∂x = ({dx}, {dy})，长度 {length}：箭头指向移动该点会使 J 增大的方向</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="106" />
      <source>Its share of the gradient (all points' shares add up to it):</source>
      <translation>它在梯度中所占的份额（所有点的份额相加即为梯度）：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/pull_overlay.py" line="112" />
      <source>∂J/∂x of point {index}: ({dx}, {dy}), length {length} (drawn {pixels} pixels long)</source>
      <translation>点 {index} 的 ∂J/∂x：({dx}, {dy})，长度 {length}（画成 {pixels} 像素长）</translation>
    </message>
  </context>
  <context>
    <name>PointTools</name>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="37" />
      <source>Draw mode: drag to spray points of the chosen class; the whole stroke is one undo (D)</source>
      <translation>绘制模式：拖动鼠标喷洒所选类别的点；整笔可一次撤销（D）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="73" />
      <source>Class:</source>
      <translation>类别：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="81" />
      <source>A click adds a class {k} point ({key})</source>
      <translation>点击添加一个类别 {k} 的点（{key}）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="87" />
      <source>Draw</source>
      <translation>绘制</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="91" />
      <source>◯ = loss</source>
      <translation>◯ = 损失</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="102" />
      <source>Add points of class {k}</source>
      <translation>添加类别 {k} 的点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="106" />
      <source>Draw mode</source>
      <translation>绘制模式</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="110" />
      <source>Clear the selected point</source>
      <translation>取消对点的选择</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/point_tools.py" line="155" />
      <source>Draw {count} class {label} points</source>
      <translation>绘制 {count} 个类别 {label} 的点</translation>
    </message>
  </context>
  <context>
    <name>Presentation</name>
    <message>
      <location filename="../../gdviz/ui/slides/presentation.py" line="192" />
      <source>Presentation</source>
      <translation>演示模式</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/presentation.py" line="196" />
      <source>Show the graph (or the training view, if it has the focus) full screen with large text and thick lines; Esc or F5 leaves (F5)</source>
      <translation>以大字号和粗线条全屏显示计算图（若训练视图有焦点，则显示训练视图）；按 Esc 或 F5 退出（F5）</translation>
    </message>
  </context>
  <context>
    <name>QueueStrip</name>
    <message>
      <location filename="../../gdviz/ui/graph/queue_strip.py" line="48" />
      <source>… and {count} more</source>
      <translation>……另有 {count} 个</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/queue_strip.py" line="49" />
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
  </context>
  <context>
    <name>Race</name>
    <message>
      <location filename="../../gdviz/training/race.py" line="41" />
      <source>gradient descent</source>
      <translation>梯度下降</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/race.py" line="42" />
      <source>momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/race.py" line="103" />
      <source>this gdviz's models have no field for {comparison}; compare {choices}</source>
      <translation>此版本 gdviz 的模型没有 {comparison} 对应的字段；请比较 {choices}</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/race.py" line="115" />
      <source>all points</source>
      <translation>全部数据点</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/race.py" line="116" />
      <source>batches of {size}</source>
      <translation>每批 {size} 个点</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/race.py" line="121" />
      <source>no penalty</source>
      <translation>无正则项</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/race.py" line="256" />
      <location filename="../../gdviz/training/race.py" line="278" />
      <source>no points to train on</source>
      <translation>没有可训练的点</translation>
    </message>
  </context>
  <context>
    <name>RaceView</name>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="11" />
      <source>Optimizers</source>
      <translation>优化器</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="12" />
      <source>Learning rates</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="13" />
      <source>Batch sizes</source>
      <translation>批大小</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="14" />
      <source>Penalties</source>
      <translation>正则项</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="15" />
      <source>run</source>
      <translation>参赛者</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="15" />
      <source>steps to reach</source>
      <translation>达到目标所需步数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="16" />
      <source>loss now</source>
      <translation>当前损失</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="33" />
      <source>diverged at step {step}</source>
      <translation>在第 {step} 步发散</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="34" />
      <source>{reached:,} (diverged at step {step})</source>
      <translation>{reached:,}（在第 {step} 步发散）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="39" />
      <source>not reached</source>
      <translation>未达到</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="40" />
      <source>not yet</source>
      <translation>尚未达到</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="45" />
      <source>{label}: step {step:,}</source>
      <translation>{label}：第 {step:,} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="52" />
      <source>running</source>
      <translation>运行中</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="52" />
      <source>over</source>
      <translation>已结束</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="53" />
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="53" />
      <source>ready: press Start</source>
      <translation>就绪：请按“开始”</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="54" />
      <source>step {step:,} of {total:,}</source>
      <translation>第 {step:,} 步，共 {total:,} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_texts.py" line="56" />
      <source>{count} stopped (see the table)</source>
      <translation>{count} 个已停止（见表格）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="87" />
      <source>What the race compares: each entrant trains the session's model from the same weights on the same points. Changing it starts afresh.</source>
      <translation>竞赛比较的内容：每个参赛者都从相同的权重出发，在相同的点上训练会话的模型。更改此项会重新开始。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="93" />
      <source>How many steps each entrant takes. Raising it after a race lets Start continue the same race.</source>
      <translation>每个参赛者训练的步数。竞赛结束后调高此值，按“开始”即可继续同一场竞赛。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="96" />
      <location filename="../../gdviz/ui/race/race_view.py" line="375" />
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="98" />
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="99" />
      <source>Forget this race: every entrant back at the session's current weights, step 0.</source>
      <translation>放弃这场竞赛：每个参赛者都回到会话的当前权重，第 0 步。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="102" />
      <source>log loss axis</source>
      <translation>损失用对数刻度</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="103" />
      <source>Draw the loss on a logarithmic scale: late, small differences between the entrants become visible.</source>
      <translation>以对数刻度绘制损失：参赛者之间后期的微小差异也能看清。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="108" />
      <source>The table counts the steps each entrant needed until its loss was at or below this value (as its curve shows it).</source>
      <translation>表格统计每个参赛者的损失（按其曲线所示）首次降到此值或以下所需的步数。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="112" />
      <location filename="../../gdviz/ui/race/race_view.py" line="349" />
      <source>Where the race stands.</source>
      <translation>竞赛的当前进度。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="118" />
      <source>Each entrant's loss at every step, measured as the step began.</source>
      <translation>每个参赛者在每一步的损失，在该步开始时测得。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="122" />
      <source>step</source>
      <translation>步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="123" />
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="137" />
      <source>The step at which each entrant's loss first reached the target loss.</source>
      <translation>每个参赛者的损失首次达到目标损失时的步数。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="147" />
      <source>Compare</source>
      <translation>比较</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="149" />
      <source>Steps</source>
      <translation>步数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="158" />
      <source>Target loss</source>
      <translation>目标损失</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="198" />
      <source>Nothing to race yet: the session has no model and points.</source>
      <translation>还没有可以竞赛的内容：会话中没有模型和点。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="232" />
      <source>Ready: press Start.</source>
      <translation>就绪：请按“开始”。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="294" />
      <source>The race stopped.</source>
      <translation>竞赛已停止。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="375" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="377" />
      <source>Pause the race; Start goes on from here.</source>
      <translation>暂停竞赛；按“开始”从此处继续。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/race/race_view.py" line="378" />
      <source>Run every entrant, one step each in turn, from the same weights on the same points.</source>
      <translation>运行所有参赛者：从相同的权重出发，在相同的点上轮流各走一步。</translation>
    </message>
  </context>
  <context>
    <name>RaceWorker</name>
    <message>
      <location filename="../../gdviz/ui/race/race_worker.py" line="127" />
      <source>The race stopped:
{traceback}</source>
      <translation>竞赛已停止：
{traceback}</translation>
    </message>
  </context>
  <context>
    <name>ScenarioCode</name>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="74" />
      <source>Written by gdviz from the scenario on screen: the same graph, weights and
points as the app's. Run it to take a few steps of training.</source>
      <translation>由 gdviz 根据屏幕上的场景生成：计算图、权重和数据点
都与应用中的相同。运行它即可训练几步。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="89" />
      <source>The tutorial's perceptron on {dataset} ({classes} classes),
trained by {optimizer} on the mean loss.</source>
      <translation>教程中的感知机，数据集 {dataset}（{classes} 个类别），
用 {optimizer} 对平均损失进行训练。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="92" />
      <source>The tutorial's perceptron on {dataset} ({classes} classes),
trained by {optimizer} on the sum loss.</source>
      <translation>教程中的感知机，数据集 {dataset}（{classes} 个类别），
用 {optimizer} 对求和损失进行训练。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="97" />
      <source>An MLP with hidden layers of {widths} {activation} neurons on {dataset} ({classes} classes),
trained by {optimizer} on the mean loss.</source>
      <translation>多层感知机，隐藏层依次有 {widths} 个 {activation} 神经元，数据集 {dataset}（{classes} 个类别），
用 {optimizer} 对平均损失进行训练。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="101" />
      <source>An MLP with hidden layers of {widths} {activation} neurons on {dataset} ({classes} classes),
trained by {optimizer} on the sum loss.</source>
      <translation>多层感知机，隐藏层依次有 {widths} 个 {activation} 神经元，数据集 {dataset}（{classes} 个类别），
用 {optimizer} 对求和损失进行训练。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="116" />
      <source>{count} held-out (test) points are left out: training does not see them.</source>
      <translation>省略了 {count} 个留出的（测试）点：训练看不到它们。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="119" />
      <source>the tutorial's c: one row per point</source>
      <translation>教程中的 c：每个点一行</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="121" />
      <source>The points, read from a CSV file (columns x, y, label and maybe is_test).</source>
      <translation>数据点，从 CSV 文件读取（列为 x、y、label，可能还有 is_test）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="131" />
      <source>Only the first {shown} of the {count} training points are written here:
save the dataset as CSV and read it for all of them.</source>
      <translation>这里只写出了 {count} 个训练点中的前 {shown} 个：
要使用全部数据点，请把数据集保存为 CSV 再读取。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="138" />
      <source>The training points, one (x, y) per row, and their classes.</source>
      <translation>训练点，每行一个 (x, y)，以及它们的类别。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="147" />
      <source>the points</source>
      <translation>数据点</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="148" />
      <source>their one-hot classes</source>
      <translation>它们的类别（独热编码）</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="150" />
      <source>The weights as they are now</source>
      <translation>当前的权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="159" />
      <source>The cross-entropy: summed over the classes, then the mean over the points</source>
      <translation>交叉熵：先对各类别求和，再对各点取平均</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="162" />
      <source>The cross-entropy: summed over the classes, then the sum over the points</source>
      <translation>交叉熵：先对各类别求和，再对各点求和</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="165" />
      <source>The perceptron: a probability for each class</source>
      <translation>感知机：每个类别一个概率</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="173" />
      <source>The hidden layers ({activation}), then the output layer's logits</source>
      <translation>隐藏层（{activation}），然后是输出层的 logits</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="180" />
      <source>The cross-entropy of softmax(logits), one per point (stable: never log 0),
then the mean over the points</source>
      <translation>softmax(logits) 的交叉熵，每个点一个（数值稳定：不会出现 log 0），
再对各点取平均</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="184" />
      <source>The cross-entropy of softmax(logits), one per point (stable: never log 0),
then the sum over the points</source>
      <translation>softmax(logits) 的交叉熵，每个点一个（数值稳定：不会出现 log 0），
再对各点求和</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/codegen.py" line="193" />
      <source>Each run of this op is one step of training</source>
      <translation>每运行一次这个运算，就是训练一步</translation>
    </message>
  </context>
  <context>
    <name>ScenarioControls</name>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="135" />
      <source>Which points to learn to separate</source>
      <translation>要学习区分的数据点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="137" />
      <source>How many classes (colours): 3 or 4 for blobs; the other datasets have 2</source>
      <translation>类别（颜色）的数目：高斯团为 3 或 4；其他数据集为 2</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="138" />
      <source>How many points to generate</source>
      <translation>要生成的数据点数目</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="140" />
      <source>How far points stray from their pattern: 1 is the usual spread, 0 none</source>
      <translation>数据点偏离其图案的程度：1 为通常的散布，0 为完全不偏离</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="142" />
      <source>Fraction of points held out for testing: training never sees them (drawn hollow)</source>
      <translation>留作测试的数据点比例：训练从不使用它们（画成空心）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="145" />
      <source>Dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="146" />
      <source>Points</source>
      <translation>数据点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="147" />
      <source>Size</source>
      <translation>数目</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="147" />
      <source>Classes</source>
      <translation>类别数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="148" />
      <source>Noise</source>
      <translation>噪声</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="148" />
      <source>Test split</source>
      <translation>测试比例</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="156" />
      <source>Perceptron: p = softmax(XW + b), as in the tutorial. MLP: hidden layers before the softmax, for curved boundaries</source>
      <translation>感知机：p = softmax(XW + b)，与教程相同。多层感知机：在 softmax 之前加入隐藏层，可得到弯曲的决策边界</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="159" />
      <source>How many hidden layers the MLP has</source>
      <translation>多层感知机的隐藏层数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="162" />
      <source>Neurons per hidden layer, comma-separated (1 to {most} each), e.g. 8, 8</source>
      <translation>每个隐藏层的神经元数，用逗号分隔（每层 1 到 {most} 个），例如 8, 8</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="165" />
      <source>The nonlinearity after each hidden layer</source>
      <translation>每个隐藏层之后的非线性函数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="167" />
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="168" />
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="169" />
      <source>Hidden layers</source>
      <translation>隐藏层</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="169" />
      <source>Widths</source>
      <translation>宽度</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="170" />
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="179" />
      <source>The loss J adds up (sum, as the tutorial) or averages (mean) the cross-entropy of every point</source>
      <translation>损失 J 将每个数据点的交叉熵相加（求和，与教程相同）或取平均（均值）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="181" />
      <source>How a step uses the gradients: plain gradient descent W ← W − η ∂J/∂W, or with momentum, or Adam</source>
      <translation>每一步如何使用梯度：普通梯度下降 W ← W − η ∂J/∂W，或加上动量，或 Adam</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="184" />
      <source>The learning rate η: how far each step moves the weights against the gradient. Too large and training diverges</source>
      <translation>学习率 η：每一步沿梯度反方向移动权重的距离。过大则训练发散</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="187" />
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="187" />
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="188" />
      <source>Optimizer</source>
      <translation>优化器</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="189" />
      <source>Learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="206" />
      <source>{feature} as a column of the model's input X. With x₁² and x₂² a perceptron draws circles</source>
      <translation>将 {feature} 作为模型输入 X 的一列。有了 x₁² 和 x₂²，感知机就能画出圆形边界</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="211" />
      <source>Points per step. All: every training point, as the tutorial. Fewer: a fresh random mini-batch each step (stochastic gradient descent); the curve still shows J over all of them</source>
      <translation>每一步使用的数据点数。全部：所有训练点，与教程相同。更少：每一步重新随机抽取一个小批量（随机梯度下降）；曲线仍显示全部训练点上的 J</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="213" />
      <source>All</source>
      <translation>全部</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="215" />
      <source>A penalty on the weight matrices (not the biases), added to the loss: J = data_loss + penalty. L2 shrinks every weight, L1 pushes some to exactly 0</source>
      <translation>对权重矩阵（不含偏置）的正则项，加到损失上：J = 数据损失 + 正则项。L2 使每个权重都变小，L1 把一部分权重压到恰好为 0</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="218" />
      <source>λ, the penalty's rate: how much small weights matter against fitting the points</source>
      <translation>λ，正则项的系数：相对于拟合数据点，让权重保持较小有多重要</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="221" />
      <source>Inputs</source>
      <translation>输入</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="222" />
      <source>Batch</source>
      <translation>批大小</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="223" />
      <source>Penalty</source>
      <translation>正则项</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="298" />
      <source>From file: {name}</source>
      <translation>来自文件：{name}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="299" />
      <source>The points opened from {name}</source>
      <translation>从 {name} 打开的数据点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="326" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="329" />
      <source>More ({count}) ▾</source>
      <translation>更多（{count}）▾</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="329" />
      <source>More ▾</source>
      <translation>更多 ▾</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="331" />
      <source>all</source>
      <translation>全部</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_controls.py" line="332" />
      <source>Input features, mini-batches, a penalty: inputs {inputs} · batch {batch} · penalty {penalty}</source>
      <translation>输入特征、小批量、正则项：输入 {inputs} · 批大小 {batch} · 正则项 {penalty}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="20" />
      <source>Perceptron (tutorial)</source>
      <translation>感知机（教程）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="21" />
      <source>MLP (hidden layers)</source>
      <translation>多层感知机（隐藏层）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="23" />
      <source>Sum (tutorial)</source>
      <translation>求和（教程）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="24" />
      <source>Mean</source>
      <translation>均值</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="25" />
      <source>Gradient descent</source>
      <translation>梯度下降</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="26" />
      <source>Momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="27" />
      <source>Adam</source>
      <translation>Adam</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="28" />
      <source>None</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="29" />
      <source>L2 (λ·ΣW²)</source>
      <translation>L2（λ·ΣW²）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="30" />
      <source>L1 (λ·Σ|W|)</source>
      <translation>L1（λ·Σ|W|）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="36" />
      <source>Changing it starts training afresh: new weights, step 0, curves cleared (Ctrl+Z undoes it).</source>
      <translation>更改它会让训练重新开始：新的权重，从第 0 步起，曲线清空（Ctrl+Z 可撤销）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="38" />
      <source>Changing it continues training from the current weights (Ctrl+Z undoes it).</source>
      <translation>更改它会从当前权重继续训练（Ctrl+Z 可撤销）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="45" />
      <source>Tutorial: two clouds</source>
      <translation>教程：两团点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="46" />
      <source>Gaussian blobs</source>
      <translation>高斯团</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="70" />
      <source>hidden width {entry} must be a whole number from 1 to {most}</source>
      <translation>隐藏层宽度 {entry} 必须是 1 到 {most} 之间的整数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/scenario_fields.py" line="74" />
      <source>give 1 to {most} hidden widths, e.g. 8, 8</source>
      <translation>请给出 1 到 {most} 个隐藏层宽度，例如 8, 8</translation>
    </message>
  </context>
  <context>
    <name>ScriptErrors</name>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="27" />
      <source>The script failed: {error}</source>
      <translation>脚本出错：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="29" />
      <source>The script failed in {file}, line {line}: {error}</source>
      <translation>脚本在 {file} 第 {line} 行出错：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="31" />
      <source>The script failed at line {line}: {error}</source>
      <translation>脚本在第 {line} 行出错：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="35" />
      <source>The script has a syntax error: {error}</source>
      <translation>脚本有语法错误：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="37" />
      <source>The script has a syntax error at line {line}: {error}</source>
      <translation>脚本第 {line} 行有语法错误：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="40" />
      <source>The script was stopped before it ended.</source>
      <translation>脚本在结束前被停止了。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="42" />
      <source>The script could not be read: {error}</source>
      <translation>无法读取脚本：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="45" />
      <source>The script called sys.exit({code}): it ended with an error.</source>
      <translation>脚本调用了 sys.exit({code})：它以错误结束。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="47" />
      <source>The script called sys.exit({code}) at line {line}: it ended with an error.</source>
      <translation>脚本在第 {line} 行调用了 sys.exit({code})：它以错误结束。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="50" />
      <source>The script was still running after {seconds:g} s and was stopped (an endless loop?).</source>
      <translation>脚本运行 {seconds:g} 秒后仍未结束，已被停止（是死循环吗？）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="53" />
      <source>The script's process crashed: it was killed by {signal} ({number}).</source>
      <translation>脚本的进程崩溃了：它被 {signal}（{number}）终止。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="56" />
      <source>The script's process crashed: it ended with exit code {code} before it reported.</source>
      <translation>脚本的进程崩溃了：它在报告结果之前以退出码 {code} 结束。</translation>
    </message>
    <message>
      <location filename="../../gdviz/scripts/messages.py" line="59" />
      <source>gdviz could not analyse the script: {error}</source>
      <translation>gdviz 无法分析该脚本：{error}</translation>
    </message>
  </context>
  <context>
    <name>ScriptReplica</name>
    <message>
      <location filename="../../gdviz/ui/scripts/replica.py" line="50" />
      <source>{name} was not computed when the script ran</source>
      <translation>脚本运行时没有计算 {name}</translation>
    </message>
  </context>
  <context>
    <name>SessionFiles</name>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="28" />
      <source>gdviz session (*.gdviz)</source>
      <translation>gdviz 会话 (*.gdviz)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="29" />
      <source>Dataset CSV (*.csv);;Dataset JSON (*.json)</source>
      <translation>数据集 CSV (*.csv);;数据集 JSON (*.json)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="30" />
      <source>Session or dataset (*.gdviz *.csv *.json)</source>
      <translation>会话或数据集 (*.gdviz *.csv *.json)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="31" />
      <source>PNG image (*.png);;SVG drawing (*.svg)</source>
      <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="92" />
      <source>{name} (unsaved session)</source>
      <translation>{name}（未保存的会话）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="94" />
      <source>Untitled</source>
      <translation>未命名</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="110" />
      <source>Save changes?</source>
      <translation>保存更改吗？</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="110" />
      <source>This session has unsaved changes. Save them first?</source>
      <translation>此会话有未保存的更改。先保存吗？</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="129" />
      <source>Refused {name}: {error}</source>
      <translation>拒绝打开 {name}：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="130" />
      <source>File refused</source>
      <translation>文件被拒绝</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="131" />
      <source>{error}

Nothing was changed.</source>
      <translation>{error}

没有做任何更改。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="144" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="149" />
      <source>Opening {name}…</source>
      <translation>正在打开 {name}…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="167" />
      <source>Opened {name}</source>
      <translation>已打开 {name}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="195" />
      <source>Save session</source>
      <translation>保存会话</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="210" />
      <source>Not saved: {reason}</source>
      <translation>未保存：{reason}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="211" />
      <location filename="../../gdviz/ui/window/session_files.py" line="233" />
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="212" />
      <location filename="../../gdviz/ui/window/session_files.py" line="234" />
      <source>{reason}

The file on disk was not changed.</source>
      <translation>{reason}

磁盘上的文件没有改动。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="217" />
      <location filename="../../gdviz/ui/window/session_files.py" line="237" />
      <source>Saved {name}</source>
      <translation>已保存 {name}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="223" />
      <source>Save dataset</source>
      <translation>保存数据集</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="250" />
      <source>Export view</source>
      <translation>导出视图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="263" />
      <source>Not exported</source>
      <translation>未导出</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/session_files.py" line="265" />
      <source>Exported {name}</source>
      <translation>已导出 {name}</translation>
    </message>
  </context>
  <context>
    <name>SessionFormat</name>
    <message>
      <location filename="../../gdviz/session/files.py" line="184" />
      <source>one of {names}</source>
      <translation>{names} 之一</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="185" />
      <source>from {lo} to {hi}</source>
      <translation>{lo} 到 {hi}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="186" />
      <source>0 or more</source>
      <translation>大于或等于 0</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="200" />
      <source>at most {layers} hidden layers, each from 1 to {width} wide</source>
      <translation>最多 {layers} 个隐藏层，每层宽 1 到 {width}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="205" />
      <source>above 0 (and at most 1e6)</source>
      <translation>大于 0（且不超过 1e6）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="209" />
      <source>from 0 (all points) to {most}</source>
      <translation>0（全部数据点）到 {most}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="214" />
      <source>a non-empty list of {names}, none repeated</source>
      <translation>由 {names} 组成的非空列表，不得重复</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="244" />
      <source>expected true or false, found {found}</source>
      <translation>应为 true 或 false，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="253" />
      <source>expected text, found {found}</source>
      <translation>应为文本，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="269" />
      <source>unknown setting; {config} has {names}</source>
      <translation>未知的设置；{config} 有 {names}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="276" />
      <source>the setting {name} is missing</source>
      <translation>缺少设置 {name}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="283" />
      <source>{value} is not allowed: expected {allowed}</source>
      <translation>不允许 {value}：应为 {allowed}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="294" />
      <source>not a valid {config}: {reason}</source>
      <translation>不是有效的 {config}：{reason}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="311" />
      <source>cannot save: </source>
      <translation>无法保存：</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="317" />
      <source>cannot save: {error}: {reason}</source>
      <translation>无法保存：{error}：{reason}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="327" />
      <source>it holds NaN or infinity (did training diverge?); reset or undo first</source>
      <translation>其中含有 NaN 或无穷大（训练发散了吗？）；请先重置或撤销</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="368" />
      <source>session (.gdviz)</source>
      <translation>会话（.gdviz）</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="379" />
      <source>weights are numbers, vectors or matrices</source>
      <translation>权重应为数、向量或矩阵</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="384" />
      <source>parameters {names} do not match the model's {expected}</source>
      <translation>参数 {names} 与模型的 {expected} 不匹配</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="389" />
      <source>shape {shape} where the model needs {expected}</source>
      <translation>形状为 {shape}，而模型需要 {expected}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="405" />
      <source>expected [step, value], found {found}</source>
      <translation>应为 [step, value]，实际为 {found}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/files.py" line="409" />
      <source>step {step} comes after step {previous}</source>
      <translation>第 {step} 步出现在第 {previous} 步之后</translation>
    </message>
  </context>
  <context>
    <name>SessionModel</name>
    <message>
      <location filename="../../gdviz/session/model.py" line="190" />
      <source>no weights are recorded yet: train a step first</source>
      <translation>尚未记录任何权重：请先训练一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/model.py" line="221" />
      <source>Dataset: {name}</source>
      <translation>数据集：{name}</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/model.py" line="232" />
      <source>Change the model</source>
      <translation>更改模型</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/model.py" line="234" />
      <source>Change how the model trains</source>
      <translation>更改模型的训练方式</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/model.py" line="241" />
      <source>Reset training</source>
      <translation>重置训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/model.py" line="251" />
      <source>Continue from step {step}</source>
      <translation>从第 {step} 步继续</translation>
    </message>
    <message>
      <location filename="../../gdviz/session/model.py" line="259" />
      <source>Open</source>
      <translation>打开</translation>
    </message>
  </context>
  <context>
    <name>SlidesMenu</name>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="38" />
      <source>Record GIF</source>
      <translation>录制 GIF</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="39" />
      <source>Animated GIF (*.gif)</source>
      <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="45" />
      <source>Training steps:</source>
      <translation>训练步数：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="49" />
      <source>A frame every … steps:</source>
      <translation>每隔多少步一帧：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="53" />
      <source>Recording…</source>
      <translation>正在录制…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="53" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="69" />
      <source>Recording cancelled: nothing written</source>
      <translation>录制已取消：未写入任何文件</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="73" />
      <source>Not recorded</source>
      <translation>未录制</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="77" />
      <source>Recorded {file} ({frames} frames)</source>
      <translation>已录制 {file}（{frames} 帧）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="86" />
      <location filename="../../gdviz/ui/slides/menu.py" line="91" />
      <source>Export graph</source>
      <translation>导出计算图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="87" />
      <source>Scale:</source>
      <translation>缩放比例：</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="92" />
      <source>PNG picture (*.png);;SVG drawing (*.svg)</source>
      <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="100" />
      <source>Not exported</source>
      <translation>未导出</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/slides/menu.py" line="102" />
      <source>Exported {file} at {scale:g}×</source>
      <translation>已按 {scale:g}× 导出 {file}</translation>
    </message>
  </context>
  <context>
    <name>TensorView</name>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="133" />
      <source>shape {shape}</source>
      <translation>形状 {shape}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/graph/inspector.py" line="135" />
      <source>shape {shape} · min {min} · max {max} · mean {mean} · norm {norm}</source>
      <translation>形状 {shape} · 最小值 {min} · 最大值 {max} · 均值 {mean} · 范数 {norm}</translation>
    </message>
  </context>
  <context>
    <name>Timeline</name>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="62" />
      <source>Drag through training's history: the boundary, the curves' cursor and the graph show that step (training pauses)</source>
      <translation>拖动以浏览训练历史：决策边界、曲线上的游标和计算图都会显示那一步（训练暂停）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="66" />
      <source>Backprop this step</source>
      <translation>反向传播这一步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="67" />
      <source>Load the step shown into the graph, to walk through its backprop</source>
      <translation>把显示的这一步载入计算图，以便逐步演示它的反向传播</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="68" />
      <source>Continue from here</source>
      <translation>从这里继续</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="69" />
      <source>Train on from the step shown: the later steps are dropped (undoable with Ctrl+Z)</source>
      <translation>从显示的这一步继续训练：之后的步会被丢弃（可用 Ctrl+Z 撤销）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="71" />
      <source>Now</source>
      <translation>当前</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="72" />
      <source>Back to where training is</source>
      <translation>回到训练当前所在的位置</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="75" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="120" />
      <source>step {step:,} (now)</source>
      <translation>第 {step:,} 步（当前）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/timeline.py" line="122" />
      <source>step {step:,} of {total:,}</source>
      <translation>第 {step:,} 步，共 {total:,} 步</translation>
    </message>
  </context>
  <context>
    <name>TraceText</name>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="38" />
      <source>G (summed to {0}'s shape)</source>
      <translation>G（按 {0} 的形状求和）</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="39" />
      <source>G (summed to {1}'s shape)</source>
      <translation>G（按 {1} 的形状求和）</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="40" />
      <source>G repeated along the summed axes</source>
      <translation>G 沿被求和的轴重复</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="41" />
      <source>G / n repeated along the averaged axes</source>
      <translation>G / n 沿被平均的轴重复</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="104" />
      <source>scalar</source>
      <translation>标量</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="145" />
      <source>shape {shape}</source>
      <translation>形状 {shape}</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="175" />
      <source>registered gradient of {op}</source>
      <translation>{op} 的已注册梯度</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="192" />
      <source>({shape}, norm &lt;code&gt;{norm}&lt;/code&gt;)</source>
      <translation>（{shape}，范数 &lt;code&gt;{norm}&lt;/code&gt;）</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="212" />
      <source>&lt;b&gt;Step {step} of {count}&lt;/b&gt;: take {node} ({op}) off the front of the queue and compute {gradient}.</source>
      <translation>&lt;b&gt;第 {step} 步（共 {count} 步）&lt;/b&gt;：从队首取出 {node}（{op}），计算 {gradient}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="218" />
      <source>{gradient} = &lt;code&gt;1&lt;/code&gt;: the gradient of the loss with respect to itself is 1 (shape {shape}).</source>
      <translation>{gradient} = &lt;code&gt;1&lt;/code&gt;：损失关于其自身的梯度为 1（形状 {shape}）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="223" />
      <source>{node} feeds {consumers}. Each consumer c passes back its gradient G = {consumer_gradient} times its local derivative:</source>
      <translation>{node} 的消费节点是 {consumers}。每个消费节点 c 传回它的梯度 G = {consumer_gradient} 乘以它的局部导数：</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="235" />
      <source>&amp;nbsp;&amp;nbsp;• from {consumer} ({op}, input {slot}): {gradient} ← &lt;code&gt;{rule}&lt;/code&gt;, with G = {consumer_gradient} {shape}; inputs {inputs} → {value}</source>
      <translation>&amp;nbsp;&amp;nbsp;• 来自 {consumer}（{op}，输入 {slot}）：{gradient} ← &lt;code&gt;{rule}&lt;/code&gt;，其中 G = {consumer_gradient} {shape}；输入 {inputs} → {value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="240" />
      <source>&amp;nbsp;&amp;nbsp;• from {consumer} ({op}, input {slot}): {gradient} ← &lt;code&gt;{rule}&lt;/code&gt;, with G = {consumer_gradient} {shape} → {value}</source>
      <translation>&amp;nbsp;&amp;nbsp;• 来自 {consumer}（{op}，输入 {slot}）：{gradient} ← &lt;code&gt;{rule}&lt;/code&gt;，其中 G = {consumer_gradient} {shape} → {value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="250" />
      <source>Sum over the consumers: {gradient} = {terms} = {total}</source>
      <translation>对所有消费节点求和：{gradient} = {terms} = {total}</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="254" />
      <source>One consumer, so {gradient} = {total}.</source>
      <translation>只有一个消费节点，所以 {gradient} = {total}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="258" />
      <source>All consumers of {names} are now done: into the queue.</source>
      <translation>{names} 的所有消费节点都已处理完：加入队列。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="280" />
      <source>&lt;b&gt;Step {step} of {count}&lt;/b&gt;: evaluate {node} ({op}): its value comes from feed_dict: {value}.</source>
      <translation>&lt;b&gt;第 {step} 步（共 {count} 步）&lt;/b&gt;：计算 {node}（{op}）：它的值来自 feed_dict：{value}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="283" />
      <source>&lt;b&gt;Step {step} of {count}&lt;/b&gt;: evaluate {node} ({op}): its current value: {value}.</source>
      <translation>&lt;b&gt;第 {step} 步（共 {count} 步）&lt;/b&gt;：计算 {node}（{op}）：它的当前值为 {value}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="291" />
      <source>&lt;b&gt;Step {step} of {count}&lt;/b&gt;: evaluate {node} ({op}): {op}({arguments}) = {value}, shape {shape}.</source>
      <translation>&lt;b&gt;第 {step} 步（共 {count} 步）&lt;/b&gt;：计算 {node}（{op}）：{op}({arguments}) = {value}，形状 {shape}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/trace_text.py" line="293" />
      <source>Post-order: every input of a node is evaluated before the node itself.</source>
      <translation>后序遍历：节点的每个输入都先于该节点本身计算。</translation>
    </message>
  </context>
  <context>
    <name>TrainingMessages</name>
    <message>
      <location filename="../../gdviz/training/trainer.py" line="361" />
      <source>Training stopped at step {step}: in the tutorial's loss J = −Σ c·log p a probability p reached 0, and log 0 = −∞ (0·log 0 is NaN), although the weights are finite. Lower the learning rate (now {rate:g}), or use the mean loss or an MLP, whose fused loss never takes log 0. The last finite weights are restored.</source>
      <extracomment>Indices into the dataset of the last step's mini-batch; None: the whole set.</extracomment>
      <translation>训练在第 {step} 步停止：在教程的损失 J = −Σ c·log p 中，某个概率 p 变成了 0，而 log 0 = −∞（0·log 0 为 NaN），尽管权重仍是有限值。请降低学习率（当前为 {rate:g}），或改用平均损失或多层感知机，它们融合后的损失从不计算 log 0。已恢复最后一组有限的权重。</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/trainer.py" line="368" />
      <source>Training diverged at step {step}: the loss or a weight became infinite or NaN. Lower the learning rate (now {rate:g}); the last finite weights are restored.</source>
      <translation>训练在第 {step} 步发散：损失或某个权重变成了无穷大或 NaN。请降低学习率（当前为 {rate:g}）；已恢复最后一组有限的权重。</translation>
    </message>
  </context>
  <context>
    <name>TrainingPanel</name>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="128" />
      <source>step 0</source>
      <translation>第 0 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="162" />
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="164" />
      <source>Redo</source>
      <translation>重做</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="166" />
      <source>Delete point under the mouse</source>
      <translation>删除鼠标下的点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="209" />
      <source>Reset training</source>
      <translation>重置训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="216" />
      <source>New random weights</source>
      <translation>新的随机权重</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="330" />
      <source>Move point {index}</source>
      <translation>移动点 {index}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="336" />
      <source>Add a class {label} point</source>
      <translation>添加一个类别 {label} 的点</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="341" />
      <source>Remove point {index}</source>
      <translation>删除点 {index}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="399" />
      <source>unknown error</source>
      <translation>未知错误</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/training_panel.py" line="402" />
      <source>Training stopped: {reason}. Change the settings or reset to go on.</source>
      <translation>训练已停止：{reason}。请更改设置或重置后继续。</translation>
    </message>
  </context>
  <context>
    <name>TrainingProcess</name>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="36" />
      <source>exit code {code}</source>
      <translation>退出码 {code}</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="40" />
      <source>killed by signal {number}</source>
      <translation>被信号 {number} 终止</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="41" />
      <source>killed by {signal}</source>
      <translation>被 {signal} 终止</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="50" />
      <source>The training process could not start ({how}, before it answered). It wrote:
{said}</source>
      <translation>训练进程未能启动（{how}，尚未应答）。它输出了：
{said}</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="52" />
      <source>The training process could not start ({how}, before it answered). It wrote nothing.</source>
      <translation>训练进程未能启动（{how}，尚未应答）。它没有任何输出。</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="58" />
      <source>The training process ended again ({how}): {restarts} restarts within {seconds:.0f} s, so gdviz has stopped restarting it. Save your session and restart gdviz to train again.</source>
      <translation>训练进程再次结束（{how}）：{seconds:.0f} 秒内已重启 {restarts} 次，gdviz 不再重启它。请保存会话并重新启动 gdviz 以继续训练。</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="69" />
      <source>The training process ended unexpectedly ({how}); it has been restarted from the start.</source>
      <translation>训练进程意外结束（{how}）；已从头重新启动。</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="72" />
      <source>The training process ended unexpectedly ({how}); it has been restarted from step {step}, still training.</source>
      <translation>训练进程意外结束（{how}）；已从第 {step} 步重新启动，训练仍在进行。</translation>
    </message>
    <message>
      <location filename="../../gdviz/training/process_handle.py" line="74" />
      <source>The training process ended unexpectedly ({how}); it has been restarted from step {step}.</source>
      <translation>训练进程意外结束（{how}）；已从第 {step} 步重新启动。</translation>
    </message>
  </context>
  <context>
    <name>TrainingStatus</name>
    <message>
      <location filename="../../gdviz/ui/training/curves.py" line="125" />
      <source>step {step:,}</source>
      <translation>第 {step:,} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves.py" line="126" />
      <source>{rate:,.0f} steps/s</source>
      <translation>{rate:,.0f} 步/秒</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves.py" line="127" />
      <source>loss {loss}</source>
      <translation>损失 {loss}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves.py" line="128" />
      <source>accuracy {accuracy}</source>
      <translation>准确率 {accuracy}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/training/curves.py" line="130" />
      <source>test loss {loss}, accuracy {accuracy}</source>
      <translation>测试损失 {loss}，准确率 {accuracy}</translation>
    </message>
  </context>
  <context>
    <name>TrainingWorker</name>
    <message>
      <location filename="../../gdviz/ui/training/worker.py" line="395" />
      <source>The training process sent a message gdviz does not know: {message!r}</source>
      <translation>训练进程发来一条 gdviz 无法识别的消息：{message!r}</translation>
    </message>
  </context>
  <context>
    <name>UpdateSteps</name>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="42" />
      <source>Gradient descent</source>
      <translation>梯度下降</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="43" />
      <source>Momentum</source>
      <translation>动量</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="44" />
      <source>Adam</source>
      <translation>Adam</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="47" />
      <source>accum ← μ·accum + g, then W ← W − η·accum</source>
      <translation>accum ← μ·accum + g，然后 W ← W − η·accum</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="48" />
      <source>m ← β₁·m + (1−β₁)·g, v ← β₂·v + (1−β₂)·g², then W ← W − lr_t·m/(√v + ε)</source>
      <translation>m ← β₁·m + (1−β₁)·g，v ← β₂·v + (1−β₂)·g²，然后 W ← W − lr_t·m/(√v + ε)</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="53" />
      <source>accum before</source>
      <translation>更新前的 accum</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="54" />
      <source>accum kept from the steps before</source>
      <translation>之前各步留下的 accum</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="55" />
      <source>m before</source>
      <translation>更新前的 m</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="56" />
      <source>m kept from the steps before</source>
      <translation>之前各步留下的 m</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="57" />
      <source>v before</source>
      <translation>更新前的 v</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="58" />
      <source>v kept from the steps before</source>
      <translation>之前各步留下的 v</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="59" />
      <source>steps so far + 1</source>
      <translation>已走步数 + 1</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="60" />
      <source>step</source>
      <translation>更新量</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="233" />
      <source>({shape}, norm &lt;code&gt;{norm}&lt;/code&gt;, from &lt;code&gt;{low}&lt;/code&gt; to &lt;code&gt;{high}&lt;/code&gt;)</source>
      <translation>（{shape}，范数 &lt;code&gt;{norm}&lt;/code&gt;，从 &lt;code&gt;{low}&lt;/code&gt; 到 &lt;code&gt;{high}&lt;/code&gt;）</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="256" />
      <source>&lt;b&gt;Update {index} of {count}&lt;/b&gt; (step {position} of {total}): {title} moves the Variable &lt;b&gt;{name}&lt;/b&gt; with its gradient g: &lt;code&gt;{rule}&lt;/code&gt;, with {constants}.</source>
      <translation>&lt;b&gt;第 {index} 次更新（共 {count} 次）&lt;/b&gt;（第 {position} 步，共 {total} 步）：优化器（{title}）用梯度 g 移动变量 &lt;b&gt;{name}&lt;/b&gt;：&lt;code&gt;{rule}&lt;/code&gt;，其中 {constants}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="260" />
      <source>&lt;b&gt;Update {index} of {count}&lt;/b&gt;: {title} moves the Variable &lt;b&gt;{name}&lt;/b&gt; with its gradient g: &lt;code&gt;{rule}&lt;/code&gt;, with {constants}.</source>
      <translation>&lt;b&gt;第 {index} 次更新（共 {count} 次）&lt;/b&gt;：优化器（{title}）用梯度 g 移动变量 &lt;b&gt;{name}&lt;/b&gt;：&lt;code&gt;{rule}&lt;/code&gt;，其中 {constants}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="268" />
      <source>&amp;nbsp;&amp;nbsp;• {name} before = {value}</source>
      <translation>&amp;nbsp;&amp;nbsp;• 更新前的 {name} = {value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="274" />
      <source>&amp;nbsp;&amp;nbsp;• {name} after = {name} − step = {value}</source>
      <translation>&amp;nbsp;&amp;nbsp;• 更新后的 {name} = {name} − 更新量 = {value}</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="279" />
      <source>Change: {name} after − {name} before = {value} (smaller than the digits shown: before and after read the same).</source>
      <translation>变化量：更新后的 {name} − 更新前的 {name} = {value}（比显示的位数还小：更新前后的读数相同）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="283" />
      <source>Change: {name} after − {name} before = {value}.</source>
      <translation>变化量：更新后的 {name} − 更新前的 {name} = {value}。</translation>
    </message>
    <message>
      <location filename="../../gdviz/lesson/update_steps.py" line="286" />
      <source>&lt;b&gt;Done:&lt;/b&gt; every Variable has moved; these are the weights the next training step starts from.</source>
      <translation>&lt;b&gt;完成：&lt;/b&gt;每个变量都已移动；下一步训练就从这些权重开始。</translation>
    </message>
  </context>
  <context>
    <name>UserGraphWindow</name>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="78" />
      <source>gdviz — your graph</source>
      <translation>gdviz — 你的计算图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="83" />
      <source>Code</source>
      <translation>代码</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="85" />
      <source>Gradient check</source>
      <translation>梯度检验</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="89" />
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="91" />
      <source>Decision boundary</source>
      <translation>决策边界</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="125" />
      <source>Graph</source>
      <translation>计算图</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="128" />
      <location filename="../../gdviz/ui/scripts/user_window.py" line="233" />
      <location filename="../../gdviz/ui/scripts/user_window.py" line="241" />
      <source>Play</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="129" />
      <source>Train: run the minimisation op again and again</source>
      <translation>训练：反复运行最小化运算</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="130" />
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="131" />
      <source>One training step: session.run(minimization_op, feed_dict)</source>
      <translation>训练一步：session.run(minimization_op, feed_dict)</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="134" />
      <source>Check gradients</source>
      <translation>检验梯度</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="136" />
      <source>Compare every gradient with finite differences</source>
      <translation>把每个梯度与有限差分进行比较</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="137" />
      <source>Run again</source>
      <translation>重新运行</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="138" />
      <source>Run the code of the code panel again (Ctrl+Enter)</source>
      <translation>重新运行代码面板中的代码（Ctrl+Enter）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="139" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="140" />
      <source>Stop the running script</source>
      <translation>停止正在运行的脚本</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="182" />
      <source>Training: Play or Step.</source>
      <translation>训练：按“开始”或“单步”。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="237" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="248" />
      <source>step {step:,}: loss before it {loss:.6g}</source>
      <translation>第 {step:,} 步：这一步之前的损失为 {loss:.6g}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="250" />
      <source>after {steps:,} training steps</source>
      <translation>训练 {steps:,} 步之后</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="271" />
      <source>This graph lives in your Python session: run your script again to change it.</source>
      <translation>这个计算图位于你的 Python 会话中：要修改它，请重新运行你的脚本。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="292" />
      <source>Running {script}… (Stop ends it)</source>
      <translation>正在运行 {script}…（按“停止”结束）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="310" />
      <source>{script} ran, but built no graph.</source>
      <translation>{script} 已运行，但没有构建计算图。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="313" />
      <source>The backward pass could not be traced: {problem}</source>
      <translation>无法追踪反向传播：{problem}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="316" />
      <source>{script} ran: graph {number} of {count}, loss '{loss}' ({reason}).</source>
      <translation>{script} 已运行：第 {number} 个计算图（共 {count} 个），损失“{loss}”（{reason}）。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="324" />
      <source>The gradient check failed: {error}</source>
      <translation>无法完成梯度检验：{error}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="344" />
      <source>Checking gradients…</source>
      <translation>正在检验梯度…</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="367" />
      <source>Gradient check: {nodes} wrong.</source>
      <translation>梯度检验：{nodes} 有误。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/scripts/user_window.py" line="368" />
      <source>Gradient check: every gradient agrees with finite differences.</source>
      <translation>梯度检验：所有梯度都与有限差分一致。</translation>
    </message>
  </context>
  <context>
    <name>WindowLayout</name>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="30" />
      <source>&lt;b&gt;Start here:&lt;/b&gt; press &lt;b&gt;Next ▶&lt;/b&gt; under the graph (key: &lt;b&gt;.&lt;/b&gt;) to walk through backpropagation from the loss J back to W and b. Then press &lt;b&gt;Play training&lt;/b&gt; (Space) in the toolbar to train.</source>
      <translation>&lt;b&gt;从这里开始：&lt;/b&gt;按计算图下方的 &lt;b&gt;下一步 ▶&lt;/b&gt;（按键：&lt;b&gt;.&lt;/b&gt;），逐步演示从损失 J 回到 W 和 b 的反向传播。然后按工具栏中的 &lt;b&gt;开始训练&lt;/b&gt;（Space）进行训练。</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="69" />
      <source>Got it</source>
      <translation>知道了</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="71" />
      <source>Hide this hint (Help → How to read this screen has more)</source>
      <translation>隐藏此提示（“帮助 → 如何阅读本界面”中有更多说明）</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="103" />
      <source>Controls</source>
      <translation>控制面板</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="107" />
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="109" />
      <source>Inspector</source>
      <translation>检查器</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="142" />
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="168" />
      <source>Training steps taken</source>
      <translation>已执行的训练步数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="169" />
      <source>The loss J at the latest step</source>
      <translation>最近一步的损失 J</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="170" />
      <source>Share of training points classified right</source>
      <translation>分类正确的训练点所占比例</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="171" />
      <source>Training steps per second</source>
      <translation>每秒训练步数</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="180" />
      <source>The latest warning</source>
      <translation>最近的警告</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="187" />
      <source>Step {step}</source>
      <translation>第 {step} 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="188" />
      <source>Step –</source>
      <translation>第 – 步</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="189" />
      <source>Loss J {loss}</source>
      <translation>损失 J {loss}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="190" />
      <source>Loss J –</source>
      <translation>损失 J –</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="191" />
      <source>Accuracy {accuracy:.0%}</source>
      <translation>准确率 {accuracy:.0%}</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="192" />
      <source>Accuracy –</source>
      <translation>准确率 –</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="193" />
      <source>{rate:,.0f} steps/s</source>
      <translation>{rate:,.0f} 步/秒</translation>
    </message>
    <message>
      <location filename="../../gdviz/ui/window/window_layout.py" line="194" />
      <source>0 steps/s</source>
      <translation>0 步/秒</translation>
    </message>
  </context>
</TS>
