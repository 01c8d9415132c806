import { expect, type Locator, type Page } from '@playwright/test';

interface TileStats {
	fromStore: number;
	fromNetwork: number;
	unavailable: number;
}

/** The crew's map page: the offline area panel, the map canvas, the route list. */
export class CrewMapPage {
	constructor(private readonly page: Page) {}

	async open(origin: string): Promise<void> {
		await this.page.goto(`${origin}/crew/map`);
		await this.expectOpen();
	}

	async expectOpen(): Promise<void> {
		await expect(this.page.getByRole('heading', { level: 1, name: 'Map' })).toBeVisible();
	}

	get canvas(): Locator {
		return this.page.getByLabel(/^Map of your open orders/);
	}

	/** Waits until maplibre has loaded the style and drawn everything it asked for. */
	async waitForMapIdle(): Promise<void> {
		await expect(this.page.locator('[data-map-ready="true"]')).toBeVisible({ timeout: 30_000 });
		await this.page.waitForFunction(
			() => {
				const map = (globalThis as { __curbsideMap?: { loaded(): boolean; areTilesLoaded(): boolean } })
					.__curbsideMap;
				return Boolean(map?.loaded() && map.areTilesLoaded());
			},
			undefined,
			{ timeout: 30_000 }
		);
	}

	async downloadArea(): Promise<void> {
		const button = this.page.getByRole('button', { name: 'Download map area' });
		await expect(button).toBeEnabled({ timeout: 15_000 });
		await button.click();
		await expect(this.page.getByText('Offline map downloaded.')).toBeVisible({ timeout: 60_000 });
	}

	async tileStats(): Promise<TileStats> {
		return this.page.evaluate(
			() => (globalThis as unknown as { __curbsideTileStats: TileStats }).__curbsideTileStats
		);
	}

	/**
	 * Where the pin of `orderId` is drawn, in canvas coordinates, when no other order's pin is drawn
	 * within `minPx` of it (a tap there can only mean this order), else null: neighbours across a
	 * street can sit a few pixels apart.
	 */
	async lonePinPoint(orderId: string, minPx = 40): Promise<{ x: number; y: number } | null> {
		const pins = await this.drawnPins();
		const own = pins.find((pin) => pin.id === orderId);
		if (!own) throw new Error(`No pin for ${orderId} is drawn (clustered or off screen).`);
		const crowded = pins.some(
			(pin) => pin.id !== orderId && Math.hypot(pin.x - own.x, pin.y - own.y) < minPx
		);
		return crowded ? null : { x: own.x, y: own.y };
	}

	/** Every pin the map draws (a cluster as id `cluster`), in canvas coordinates. */
	private drawnPins(): Promise<{ id: string; x: number; y: number }[]> {
		return this.page.evaluate(() => {
			type Feature = { properties: { id?: string }; geometry: { coordinates: [number, number] } };
			const map = (
				globalThis as unknown as {
					__curbsideMap: {
						querySourceFeatures(source: string): Feature[];
						project(lngLat: [number, number]): { x: number; y: number };
					};
				}
			).__curbsideMap;
			return map.querySourceFeatures('pins').map((feature) => ({
				id: feature.properties.id ?? 'cluster',
				...map.project(feature.geometry.coordinates)
			}));
		});
	}

	/**
	 * How many street lines and street labels maplibre has drawn from the basemap's tiles (the
	 * style's layers, src/lib/server/tiles/style.ts): drawn means tiles with streets were read.
	 */
	async drawnStreets(): Promise<{ lines: number; labels: number }> {
		return this.page.evaluate(() => {
			const map = (
				globalThis as unknown as {
					__curbsideMap: {
						getLayer(id: string): unknown;
						queryRenderedFeatures(options: { layers: string[] }): { source: string }[];
					};
				}
			).__curbsideMap;
			const drawn = (layers: string[]) =>
				map
					.queryRenderedFeatures({ layers: layers.filter((id) => map.getLayer(id)) })
					.filter((feature) => feature.source === 'city').length;
			return {
				lines: drawn(['streets-major', 'streets-minor', 'streets-casing', 'streets-path']),
				labels: drawn(['street-labels'])
			};
		});
	}

	/** Moves the map to `zoom` (centre kept) and waits until it has drawn everything there. */
	async zoomTo(zoom: number): Promise<void> {
		await this.page.evaluate((z) => {
			(
				globalThis as unknown as { __curbsideMap: { jumpTo(options: { zoom: number }): void } }
			).__curbsideMap.jumpTo({
				zoom: z
			});
		}, zoom);
		await this.waitForMapIdle();
	}

	/** Pin clusters in the pins source now, with how many pins each holds. */
	async clusterSizes(): Promise<number[]> {
		return this.page.evaluate(() => {
			type Feature = { properties: { point_count?: number } };
			const map = (
				globalThis as unknown as { __curbsideMap: { querySourceFeatures(source: string): Feature[] } }
			).__curbsideMap;
			return map
				.querySourceFeatures('pins')
				.map((feature) => feature.properties.point_count ?? 0)
				.filter((count) => count > 0);
		});
	}

	/**
	 * The share of the canvas drawn in the basemap's street, building and park colours (not the
	 * plain background, not the pins): what tiles put there. Read from a screenshot of the canvas,
	 * decoded in the page (a WebGL canvas cannot be read back directly).
	 */
	async basemapShare(): Promise<number> {
		// The controls (white credit bar, zoom buttons) sit over the canvas: hidden, so only what
		// the tiles drew can count.
		const png = await this.canvas.screenshot({
			style: '.maplibregl-control-container { visibility: hidden !important; }'
		});
		return this.page.evaluate(async (base64) => {
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
			const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
			const context = canvas.getContext('2d');
			if (!context) return 0;
			context.drawImage(bitmap, 0, 0);
			const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
			// src/lib/server/tiles/style.ts: minor and major streets, casing, buildings, parks.
			const palette = [
				[0xff, 0xff, 0xff],
				[0xff, 0xd2, 0x7a],
				[0x8a, 0x81, 0x78],
				[0xd6, 0xcc, 0xc2],
				[0xc8, 0xe2, 0xb8]
			];
			let drawn = 0;
			for (let i = 0; i < data.length; i += 4) {
				const [r, g, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
				if (palette.some(([pr, pg, pb]) => Math.abs(r - pr!) + Math.abs(g - pg!) + Math.abs(b - pb!) < 18))
					drawn += 1;
			}
			return drawn / (data.length / 4);
		}, png.toString('base64'));
	}
}
