/**
 * Drawing a selection box on a map with a pointer (mouse, pen or finger): while it is on, a drag
 * draws a rectangle instead of panning, and letting go reports the box as a closed ring of
 * [long, lat] corners. The four screen corners are unprojected one by one, so the ring is right
 * whatever the projection does to a screen rectangle.
 */
import { closeRing, type AreaRing } from '$lib/domain/map/area-selection';

/** What the drawing needs from a maplibre map (kept narrow so it reads without maplibre). */
export interface DrawableMap {
	getCanvasContainer(): HTMLElement;
	unproject(point: [number, number]): { lng: number; lat: number };
	dragPan: { enable(): void; disable(): void };
}

export interface AreaBox {
	left: number;
	top: number;
	width: number;
	height: number;
}

/** A drag shorter than this (px) is a tap, not a box. */
const MIN_BOX_PX = 6;

/**
 * Starts box drawing on `map`; `onbox` gets the box's screen rectangle while dragging (null when
 * done) and `onarea` the ring when released. Returns what stops it and restores panning.
 */
export function startAreaDraw(
	map: DrawableMap,
	onbox: (box: AreaBox | null) => void,
	onarea: (ring: AreaRing) => void
): () => void {
	const surface = map.getCanvasContainer();
	map.dragPan.disable();
	// A finger drawing the box must not scroll the page or pinch the map meanwhile.
	const touchAction = surface.style.touchAction;
	surface.style.touchAction = 'none';
	let start: [number, number] | null = null;

	const at = (event: PointerEvent): [number, number] => {
		const frame = surface.getBoundingClientRect();
		return [event.clientX - frame.left, event.clientY - frame.top];
	};
	const boxOf = (a: [number, number], b: [number, number]): AreaBox => ({
		left: Math.min(a[0], b[0]),
		top: Math.min(a[1], b[1]),
		width: Math.abs(a[0] - b[0]),
		height: Math.abs(a[1] - b[1])
	});

	const down = (event: PointerEvent) => {
		if (event.button !== 0) return;
		start = at(event);
		surface.setPointerCapture?.(event.pointerId);
		event.preventDefault();
	};
	const move = (event: PointerEvent) => {
		if (start) onbox(boxOf(start, at(event)));
	};
	const up = (event: PointerEvent) => {
		if (!start) return;
		const box = boxOf(start, at(event));
		start = null;
		onbox(null);
		if (box.width < MIN_BOX_PX || box.height < MIN_BOX_PX) return;
		swallowNextClick(surface.parentElement ?? surface);
		const corners: [number, number][] = [
			[box.left, box.top],
			[box.left + box.width, box.top],
			[box.left + box.width, box.top + box.height],
			[box.left, box.top + box.height]
		];
		const ring = closeRing(
			corners.map((corner) => {
				const { lng, lat } = map.unproject(corner);
				return [lng, lat];
			})
		);
		if (ring) onarea(ring);
	};

	surface.addEventListener('pointerdown', down);
	surface.addEventListener('pointermove', move);
	surface.addEventListener('pointerup', up);
	const cancel = () => {
		start = null;
		onbox(null);
	};
	surface.addEventListener('pointercancel', cancel);
	return () => {
		surface.removeEventListener('pointerdown', down);
		surface.removeEventListener('pointermove', move);
		surface.removeEventListener('pointerup', up);
		surface.removeEventListener('pointercancel', cancel);
		surface.style.touchAction = touchAction;
		onbox(null);
		map.dragPan.enable();
	};
}

/**
 * The browser still sends a click when the drag ends (the mouse events maplibre would have used
 * to tell a drag from a tap were cancelled with the pointerdown), and the map would take it for a
 * tap on whatever pin lies under the box's corner. Caught above the map, for this gesture only.
 */
function swallowNextClick(above: HTMLElement): void {
	const swallow = (event: Event) => {
		event.stopPropagation();
		event.preventDefault();
	};
	above.addEventListener('click', swallow, { capture: true, once: true });
	// The click, if any, comes in the same task as the pointerup; after that, clicks are taps again.
	setTimeout(() => above.removeEventListener('click', swallow, { capture: true }), 0);
}
