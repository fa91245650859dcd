// One module per component instead of the package index: the index pulls in every element (~900 KB).
export { default as VscodeButton } from '@vscode-elements/react-elements/dist/components/VscodeButton.js';
export { default as VscodeCheckbox } from '@vscode-elements/react-elements/dist/components/VscodeCheckbox.js';
export { default as VscodeDivider } from '@vscode-elements/react-elements/dist/components/VscodeDivider.js';
export { default as VscodeMultiSelect } from '@vscode-elements/react-elements/dist/components/VscodeMultiSelect.js';
export { default as VscodeOption } from '@vscode-elements/react-elements/dist/components/VscodeOption.js';
export { default as VscodeProgressBar } from '@vscode-elements/react-elements/dist/components/VscodeProgressBar.js';
export { default as VscodeRadio } from '@vscode-elements/react-elements/dist/components/VscodeRadio.js';
export { default as VscodeRadioGroup } from '@vscode-elements/react-elements/dist/components/VscodeRadioGroup.js';
export { default as VscodeSingleSelect } from '@vscode-elements/react-elements/dist/components/VscodeSingleSelect.js';
export { default as VscodeTabHeader } from '@vscode-elements/react-elements/dist/components/VscodeTabHeader.js';
export { default as VscodeTabPanel } from '@vscode-elements/react-elements/dist/components/VscodeTabPanel.js';
export { default as VscodeTabs } from '@vscode-elements/react-elements/dist/components/VscodeTabs.js';
export { default as VscodeTextarea } from '@vscode-elements/react-elements/dist/components/VscodeTextarea.js';
export { default as VscodeTextfield } from '@vscode-elements/react-elements/dist/components/VscodeTextfield.js';
