/** Toggle buttons whose unpressed labels keep the contrast of body text (MUI's default grey is too faint on this background). */
export const toggleGroupSx = {
  flexWrap: 'wrap',
  '& .MuiToggleButton-root': { color: 'text.primary' },
  '& .MuiToggleButton-root.Mui-selected': { color: 'primary.main' },
} as const;
